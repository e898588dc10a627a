using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>Workload 1: one non-streaming round trip with a ~1 KB answer, served from memory.</summary>
[ShortJob]
public class NonStreamingBenchmarks : ReplayRoundTripBenchmarks
{
    protected override byte[] Reply => ChatPayloads.Completion;

    protected override string ExpectedAnswer => ChatPayloads.AnswerText;

    private protected override ChatWorkload CreateWorkload() => ChatWorkload.SimpleChat();
}
