using System.Text.Json;

namespace SkDeepInfra.Internal.Wire;

/// <summary>A function offered to the model, with its parameters as a JSON schema.</summary>
internal sealed class WireFunctionDefinition
{
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public JsonElement? Parameters { get; set; }
}
