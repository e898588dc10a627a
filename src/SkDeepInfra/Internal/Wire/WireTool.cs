namespace SkDeepInfra.Internal.Wire;

/// <summary>A tool definition: <c>{"type":"function","function":{…}}</c>.</summary>
internal sealed class WireTool
{
    public string Type { get; set; } = "function";
    public WireFunctionDefinition Function { get; set; } = new();
}
