namespace SkDeepInfra.Reliability;

/// <summary>
/// Tests that measure time (cancellation latency) or process-wide allocations run alone, not beside the rest of the
/// suite, so two busy cores do not skew what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Reliability: timing-sensitive";
}
