using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using SkDeepInfra.Benchmarks.Contenders;
using SkDeepInfra.Benchmarks.Floor;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>
/// One non-streaming round trip per contender, served from memory: a workload's request, one canned reply, and the answer
/// every contender must return before timing starts. Each workload is a small subclass.
/// </summary>
public abstract class ReplayRoundTripBenchmarks
{
    private ChatWorkload _workload = null!;
    private Contenders.Contenders _c = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _workload = CreateWorkload();
        _c = new Contenders.Contenders(ReplayHandler.Client(Reply, "application/json"), new Uri("https://api.deepinfra.com/v1/openai/"));
        await AnswerChecks.NonStreamingAsync(_c, _workload, ExpectedAnswer);
    }

    [Benchmark]
    public Task<ChatResponse> DeepInfraChatClient() => _c.DeepInfraChatClient.GetResponseAsync(_workload.Messages, _workload.Options);

    [Benchmark]
    public Task<ChatResponse> MeaiOpenAIChatClient() => _c.MeaiOpenAIChatClient.GetResponseAsync(_workload.Messages, _workload.Options);

    [Benchmark]
    public Task<IReadOnlyList<ChatMessageContent>> DeepInfraChatCompletionService() =>
        _c.DeepInfraChatCompletionService.GetChatMessageContentsAsync(_workload.History, _workload.DeepInfraSettings, _workload.Kernel);

    [Benchmark]
    public Task<IReadOnlyList<ChatMessageContent>> SkOpenAIChatCompletionService() =>
        _c.SkOpenAIChatCompletionService.GetChatMessageContentsAsync(_workload.History, _workload.OpenAISettings, _workload.Kernel);

    [Benchmark]
    public Task<FloorResponse> Floor() => _c.Floor.CompleteAsync(_workload.FloorRequest);

    /// <summary>The request every contender sends.</summary>
    private protected abstract ChatWorkload CreateWorkload();

    /// <summary>The reply body the in-memory handler serves.</summary>
    protected abstract byte[] Reply { get; }

    /// <summary>The text every contender must return.</summary>
    protected abstract string ExpectedAnswer { get; }
}
