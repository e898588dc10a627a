using System.Text.Json;

namespace SkDeepInfra.Internal.Wire;

/// <summary>The named schema of a <c>json_schema</c> response format.</summary>
internal sealed class WireJsonSchema
{
    public string Name { get; set; } = "response";
    public string? Description { get; set; }
    public JsonElement Schema { get; set; }
}
