using System.Text.Json.Serialization;

namespace SkDeepInfra.Testing.Wire;

/// <summary>One listed model; <c>parent</c> and <c>metadata</c> are written even when null.</summary>
internal sealed class WireModel
{
    public required string Id { get; init; }

    public string Object { get; init; } = "model";

    public long Created { get; init; }

    public string OwnedBy { get; init; } = "deepinfra";

    public required string Root { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Parent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public WireModelMetadata? Metadata { get; init; }
}
