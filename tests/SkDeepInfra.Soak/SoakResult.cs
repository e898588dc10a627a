using System.Globalization;
using System.Text;

namespace SkDeepInfra.Soak;

/// <summary>The figures of a soak run.</summary>
public sealed record SoakResult
{
    public required SoakOptions Options { get; init; }
    public required string Transport { get; init; }
    public required TimeSpan Duration { get; init; }
    public required int Succeeded { get; init; }
    public required IReadOnlyList<string> Failures { get; init; }
    public required long Events { get; init; }
    public required double[] LatencyMs { get; init; }
    public required double[] FirstUpdateMs { get; init; }
    public required long PeakWorkingSetBytes { get; init; }
    public required long PeakHeapBytes { get; init; }
    public required long BaselineHeapBytes { get; init; }
    public required long RetainedHeapBytes { get; init; }
    public required long AllocatedBytes { get; init; }
    public required (int Gen0, int Gen1, int Gen2) Collections { get; init; }

    public int FailureCount => Failures.Count;

    public double CallsPerSecond => (Succeeded + FailureCount) / Duration.TotalSeconds;

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Round(p * (sorted.Length - 1), MidpointRounding.AwayFromZero)];

    public override string ToString()
    {
        SoakOptions o = Options;
        var b = new StringBuilder();
        string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N1", CultureInfo.InvariantCulture) + " MiB";
        string Ms(double ms) => ms.ToString("N0", CultureInfo.InvariantCulture) + " ms";
        b.AppendLine(CultureInfo.InvariantCulture, $"SkDeepInfra soak: {o.Calls} calls ({(o.NonStreamingShare > 0 ? $"{o.NonStreamingShare:P0} without streaming" : "all streaming")}), {o.Concurrency} concurrent, one DeepInfraChatClient, {Transport}");
        b.AppendLine(CultureInfo.InvariantCulture, $"Reply             {o.TextLength} characters in events of {o.ChunkSize}, {o.ChunkDelay.TotalMilliseconds} ms apart; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        b.AppendLine(CultureInfo.InvariantCulture, $"Duration          {Duration.TotalSeconds:N2} s");
        b.AppendLine(CultureInfo.InvariantCulture, $"Throughput        {CallsPerSecond:N1} calls/s, {Events / Duration.TotalSeconds:N0} updates/s");
        b.AppendLine(CultureInfo.InvariantCulture, $"Latency (call)    p50 {Ms(Percentile(LatencyMs, 0.50))}, p90 {Ms(Percentile(LatencyMs, 0.90))}, p99 {Ms(Percentile(LatencyMs, 0.99))}, max {Ms(LatencyMs.LastOrDefault())}");
        b.AppendLine(CultureInfo.InvariantCulture, $"First update      p50 {Ms(Percentile(FirstUpdateMs, 0.50))}, p99 {Ms(Percentile(FirstUpdateMs, 0.99))}");
        b.AppendLine(CultureInfo.InvariantCulture, $"Failures          {FailureCount}{(FailureCount == 0 ? "" : " — first: " + Failures[0])}");
        b.Append(CultureInfo.InvariantCulture, $"Memory            peak working set {MiB(PeakWorkingSetBytes)}, peak GC heap {MiB(PeakHeapBytes)}, heap after the run {MiB(RetainedHeapBytes)} (before {MiB(BaselineHeapBytes)}), allocated {MiB(AllocatedBytes)} ({AllocatedBytes / Math.Max(1, o.Calls) / 1024.0:N1} KiB/call), collections gen0/1/2 {Collections.Gen0}/{Collections.Gen1}/{Collections.Gen2}");
        return b.ToString();
    }
}
