using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// What every workload reports: allocations, CPU per operation, medians and the ratios the goals are stated in. The
/// job comes from each class: <see cref="ShortJobAttribute"/> or <see cref="OneShotJobAttribute"/>.
/// </summary>
/// <remarks>
/// Before and after in one run: with <see cref="BaselineVariable"/> set to the root of a copy of an earlier tree (e.g.
/// <c>git archive main | tar -x -C /tmp/baseline</c>), every benchmark also runs in a job named <c>Before</c>, the short
/// job built against that tree's <c>src/SkDeepInfra</c> (<c>/p:SkDeepInfraBaseline=…</c>, see the project file). The
/// two builds share this project's <c>obj</c>, so they run one after the other.
/// </remarks>
internal static class BenchmarkConfig
{
    public const string BaselineVariable = "SKDEEPINFRA_BASELINE";

    public static IConfig Create()
    {
        IConfig config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default, CpuTimeDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, PeerRatioColumn.TimeVsPeer, PeerRatioColumn.AllocVsPeer, PeerRatioColumn.TimeVsFloor)
            .HideColumns(Column.Error, Column.StdDev, Column.Gen0, Column.Gen1, Column.Gen2);
        string? baseline = Environment.GetEnvironmentVariable(BaselineVariable);
        return string.IsNullOrEmpty(baseline)
            ? config
            : config
                .AddJob(ShortJobAttribute.Template.WithArguments([new MsBuildArgument("/p:SkDeepInfraBaseline=" + Path.GetFullPath(baseline))]).WithId("Before"))
                .WithOption(ConfigOptions.DisableParallelBuild, true)
                .WithBuildTimeout(TimeSpan.FromMinutes(10)); // two builds of the whole graph, on a shared machine
    }
}
