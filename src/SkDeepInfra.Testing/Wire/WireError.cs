using System.Text.Json.Serialization;

namespace SkDeepInfra.Testing.Wire;

/// <summary>The inner object of <see cref="WireErrorEnvelope"/>.</summary>
internal sealed class WireError
{
    public required string Message { get; init; }

    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; init; }
}
