using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>One operation per iteration, after an <c>[IterationSetup]</c>: 200 measured iterations for a stable median.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OneShotJobAttribute() : JobConfigBaseAttribute(Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(20)
    .WithIterationCount(200)
    .WithInvocationCount(1)
    .WithUnrollFactor(1)
    .WithId("OneShot"));
