using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Testing.Wire;

/// <summary>
/// The single choice of a streamed chunk. The delta is a <see cref="JsonObject"/> because DeepInfra's quirks need
/// explicit nulls (<c>"tool_calls": null</c>) next to omitted members, which one typed shape cannot express.
/// </summary>
internal sealed class WireChunkChoice
{
    public int Index { get; init; }

    public required JsonObject Delta { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
