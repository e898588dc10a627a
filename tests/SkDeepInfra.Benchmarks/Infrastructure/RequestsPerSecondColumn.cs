using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>Operations per second from the median time per operation: requests/s for the loopback workload.</summary>
internal sealed class RequestsPerSecondColumn : IColumn
{
    public static readonly RequestsPerSecondColumn Instance = new();

    public string Id => nameof(RequestsPerSecondColumn);
    public string ColumnName => "Req/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Requests per second: 1 s / median time per request";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics?.Median is double ns and > 0
            ? (1e9 / ns).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : "-";

    public override string ToString() => ColumnName;
}
