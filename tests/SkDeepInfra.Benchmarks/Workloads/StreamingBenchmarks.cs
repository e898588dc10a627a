using BenchmarkDotNet.Attributes;
using SkDeepInfra.Benchmarks.Contenders;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>Workload 2: a stream of 500 content chunks and a finish chunk with usage, served from memory and read to the end.</summary>
[ShortJob]
public class StreamingBenchmarks
{
    private readonly ChatWorkload _workload = ChatWorkload.SimpleChat();
    private Contenders.Contenders _c = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _c = new Contenders.Contenders(ReplayHandler.Client(ChatPayloads.Stream, "text/event-stream"), new Uri("https://api.deepinfra.com/v1/openai/"));
        await AnswerChecks.StreamingAsync(_c, _workload);
    }

    [Benchmark]
    public Task<int> DeepInfraChatClient() => StreamingCalls.ReadAsync(_c.DeepInfraChatClient, _workload);

    /// <summary>
    /// <see cref="DeepInfraChatClient"/> with <c>DeepInfraClientOptions.StreamingRawRepresentation</c> on: every update carries
    /// its chunk as a <c>JsonElement</c>. Set by name, so the project still builds against a baseline tree without the option
    /// (in the <c>Before</c> job this row is the plain client).
    /// </summary>
    [Benchmark]
    public Task<int> DeepInfraChatClientRawChunks() => StreamingCalls.ReadAsync(_c.DeepInfraChatClientRawChunks, _workload);

    [Benchmark]
    public Task<int> MeaiOpenAIChatClient() => StreamingCalls.ReadAsync(_c.MeaiOpenAIChatClient, _workload);

    [Benchmark]
    public Task<int> DeepInfraChatCompletionService() => StreamingCalls.ReadAsync(_c.DeepInfraChatCompletionService, _workload, _workload.DeepInfraSettings);

    [Benchmark]
    public Task<int> SkOpenAIChatCompletionService() => StreamingCalls.ReadAsync(_c.SkOpenAIChatCompletionService, _workload, _workload.OpenAISettings);

    [Benchmark]
    public Task<int> Floor() => StreamingCalls.ReadAsync(_c.Floor, _workload);
}
