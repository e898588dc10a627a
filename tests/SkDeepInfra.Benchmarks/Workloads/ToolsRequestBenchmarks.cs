using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>Workload 3: a request with a 20-message history (tool calls and results) and 10 tool definitions; a short text reply, served from memory.</summary>
[ShortJob]
public class ToolsRequestBenchmarks : ReplayRoundTripBenchmarks
{
    protected override byte[] Reply => ChatPayloads.ShortCompletion;

    protected override string ExpectedAnswer => ChatPayloads.ShortAnswerText;

    private protected override ChatWorkload CreateWorkload() => ToolHistoryWorkload.Create();
}
