namespace SkDeepInfra.Testing.Wire;

/// <summary>FastAPI's plain error body, e.g. <c>{"detail":"Not Found"}</c>.</summary>
internal sealed class WireDetail
{
    public required string Detail { get; init; }
}
