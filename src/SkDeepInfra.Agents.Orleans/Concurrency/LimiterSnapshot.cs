using Orleans;

namespace SkDeepInfra.Agents.Orleans.Concurrency;

/// <summary>A concurrency limiter's state: leases held, callers waiting, the limit and the most leases ever held at once.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.LimiterSnapshot")]
internal sealed class LimiterSnapshot
{
    [Id(0)]
    public int InUse { get; init; }

    [Id(1)]
    public int Waiting { get; init; }

    [Id(2)]
    public int Limit { get; init; }

    [Id(3)]
    public int PeakInUse { get; init; }
}
