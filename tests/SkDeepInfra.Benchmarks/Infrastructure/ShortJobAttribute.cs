using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// One launch, 15 warm-up and 9 measured iterations of ~250 ms: a full run fits in about 15 minutes on 2 cores. The
/// warm-up is long on purpose: the mapping and serialization paths reach tier-1 code only after a few seconds, and
/// with 3 warm-up iterations the measured iterations were still getting faster.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortJobAttribute() : JobConfigBaseAttribute(Template)
{
    /// <summary>The job itself, also the template of the before/after run's baseline job (<see cref="BenchmarkConfig"/>).</summary>
    public static readonly Job Template = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(15)
        .WithIterationCount(9)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithId("Short");
}
