using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// What every workload reports: allocations, CPU per operation, medians and the ratios the goals are stated in. The
/// job comes from each class: <see cref="ShortJobAttribute"/> or <see cref="OneShotJobAttribute"/>.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default, CpuTimeDiagnoser.Default)
        .AddColumn(StatisticColumn.Median, PeerRatioColumn.TimeVsPeer, PeerRatioColumn.AllocVsPeer, PeerRatioColumn.TimeVsFloor)
        .HideColumns(Column.Error, Column.StdDev, Column.Gen0, Column.Gen1, Column.Gen2);
}
