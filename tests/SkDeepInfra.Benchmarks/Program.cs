using BenchmarkDotNet.Running;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/SkDeepInfra.Benchmarks -- --filter '*'</c>
/// (or one workload: <c>*NonStreamingBenchmarks*</c>, <c>*.StreamingBenchmarks.*</c>, <c>*ToolsRequest*</c>, <c>*Loopback*</c>,
/// <c>*FirstUpdate*</c>, <c>*Embeddings*</c>, <c>*AgentRun*</c>). See docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        // The loopback workload's server lives here, in the host, so the benchmark process measures the client alone.
        await using LoopbackServer server = await LoopbackServer.StartAsync(ChatPayloads.Stream);
        Environment.SetEnvironmentVariable(LoopbackServer.EndpointVariable, server.Endpoint.ToString());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
    }
}
