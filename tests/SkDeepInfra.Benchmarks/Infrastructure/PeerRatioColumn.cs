using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// A row's median time or allocation divided by another benchmark's in the same class and parameters: the peer
/// (M.E.AI's OpenAIChatClient for IChatClient rows, Semantic Kernel's OpenAI connector for Semantic Kernel rows,
/// M.E.AI's OpenAI embedding generator for every row of the embeddings workload) or the floor. The goals are stated as
/// these ratios.
/// </summary>
internal sealed class PeerRatioColumn(string columnName, Func<BenchmarkCase, string> reference, bool allocations) : IColumn
{
    public const string MeaiPeer = "MeaiOpenAIChatClient";
    public const string SkPeer = "SkOpenAIChatCompletionService";
    public const string EmbeddingPeer = "MeaiOpenAIEmbeddingGenerator";
    public const string Floor = "Floor";

    public static readonly PeerRatioColumn TimeVsPeer = new("Time vs peer", PeerOf, allocations: false);
    public static readonly PeerRatioColumn AllocVsPeer = new("Alloc vs peer", PeerOf, allocations: true);
    public static readonly PeerRatioColumn TimeVsFloor = new("Time vs floor", _ => Floor, allocations: false);

    public string Id => nameof(PeerRatioColumn) + "." + ColumnName;
    public string ColumnName { get; } = columnName;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => allocations ? 2 : IsFloor ? 3 : 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Median {(allocations ? "allocation" : "time")} relative to {(IsFloor ? "the floor" : "the peer (OpenAIChatClient, SK's OpenAI connector, or M.E.AI's OpenAI embedding generator)")}";

    private bool IsFloor => ReferenceEquals(this, TimeVsFloor);

    public static string PeerOf(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Type == typeof(Workloads.EmbeddingsBenchmarks))
        {
            return EmbeddingPeer;
        }

        // By name: a baseline build (SKDEEPINFRA_BASELINE) leaves the agent-run workload out.
        if (benchmarkCase.Descriptor.Type.Name == "AgentRunBenchmarks")
        {
            return benchmarkCase.Descriptor.WorkloadMethod.Name.EndsWith("Streaming", StringComparison.Ordinal) ? "PlainAgentStreaming" : "PlainAgent";
        }

        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        return method.StartsWith("DeepInfraChatCompletionService", StringComparison.Ordinal) || method.StartsWith("Sk", StringComparison.Ordinal) ? SkPeer : MeaiPeer;
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string referenceName = reference(benchmarkCase);
        BenchmarkCase? other = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type &&
            c.Job == benchmarkCase.Job &&
            c.Descriptor.WorkloadMethod.Name == referenceName &&
            c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
        if (other is null || summary[benchmarkCase] is not { } mine || summary[other] is not { } theirs)
        {
            return "-";
        }

        double? value = allocations
            ? Ratio(mine.GcStats.GetBytesAllocatedPerOperation(benchmarkCase), theirs.GcStats.GetBytesAllocatedPerOperation(other))
            : Ratio(mine.ResultStatistics?.Median, theirs.ResultStatistics?.Median);
        return value is double v ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public override string ToString() => ColumnName;

    private static double? Ratio(double? a, double? b) => a is double x && b is double y && y > 0 ? x / y : null;
}
