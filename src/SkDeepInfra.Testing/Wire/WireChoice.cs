using System.Text.Json.Serialization;

namespace SkDeepInfra.Testing.Wire;

/// <summary>One choice of a non-streaming completion.</summary>
internal sealed class WireChoice
{
    public int Index { get; init; }

    public required WireMessage Message { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
