namespace SkDeepInfra.Internal.Wire;

/// <summary><c>{"type":"json_object"}</c> or <c>{"type":"json_schema","json_schema":{…}}</c>.</summary>
internal sealed class WireResponseFormat
{
    public string Type { get; set; } = "json_object";
    public WireJsonSchema? JsonSchema { get; set; }
}
