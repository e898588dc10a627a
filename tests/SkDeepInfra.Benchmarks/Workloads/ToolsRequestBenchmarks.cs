using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using SkDeepInfra.Benchmarks.Contenders;
using SkDeepInfra.Benchmarks.Floor;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>Workload 3: a request with a 20-message history (tool calls and results) and 10 tool definitions; a short text reply, served from memory.</summary>
[ShortJob]
public class ToolsRequestBenchmarks
{
    private readonly ChatWorkload _workload = ToolHistoryWorkload.Create();
    private Contenders.Contenders _c = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _c = new Contenders.Contenders(ReplayHandler.Client(ChatPayloads.ShortCompletion, "application/json"), new Uri("https://api.deepinfra.com/v1/openai/"));
        await AnswerChecks.NonStreamingAsync(_c, _workload, ChatPayloads.ShortAnswerText);
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
}
