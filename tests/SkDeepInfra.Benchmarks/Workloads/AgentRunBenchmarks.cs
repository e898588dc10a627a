using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SkDeepInfra.Agents;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>
/// 7. A scripted three-step tool run (tool call, tool call, answer; the same replies from memory every run) through a
/// plain Agent Framework <c>ChatClientAgent</c>, whose tool loop is M.E.AI's <c>FunctionInvokingChatClient</c>, and through
/// the DeepInfra agent with a budget (model calls and a cost ceiling with known prices), the ledger, text tool-call
/// recovery, structured-output repair (idle: no schema) and one pass-through output guardrail. Both over the same
/// <c>DeepInfraChatClient</c>; streaming and not.
/// </summary>
[ShortJob]
public class AgentRunBenchmarks
{
    private const string Instructions = "You are a concise travel assistant.";
    private const string Question = "Weather and forecast for Paris?";

    private ChatClientAgent _plain = null!;
    private ChatClientAgent _deepInfra = null!;
    private ChatClientAgent _plainStreaming = null!;
    private ChatClientAgent _deepInfraStreaming = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_plain, _deepInfra) = Agents(ScriptReplayHandler.Client(AgentRunPayloads.Completions, "application/json"));
        (_plainStreaming, _deepInfraStreaming) = Agents(ScriptReplayHandler.Client(AgentRunPayloads.Streams, "text/event-stream"));
        foreach ((ChatClientAgent agent, bool streaming) in new[] { (_plain, false), (_deepInfra, false), (_plainStreaming, true), (_deepInfraStreaming, true) })
        {
            string text = streaming ? (await Stream(agent)).Text : (await agent.RunAsync(Question)).Text;
            if (!text.EndsWith(AgentRunPayloads.Answer, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"An agent answered \"{text}\" instead of the scripted answer.");
            }
        }
    }

    [Benchmark]
    public Task<AgentResponse> PlainAgent() => _plain.RunAsync(Question);

    [Benchmark]
    public Task<AgentResponse> DeepInfraAgent() => _deepInfra.RunAsync(Question);

    [Benchmark]
    public Task<AgentResponse> PlainAgentStreaming() => Stream(_plainStreaming);

    [Benchmark]
    public Task<AgentResponse> DeepInfraAgentStreaming() => Stream(_deepInfraStreaming);

    private static async Task<AgentResponse> Stream(ChatClientAgent agent)
    {
        var updates = new List<AgentResponseUpdate>();
        await foreach (AgentResponseUpdate update in agent.RunStreamingAsync(Question))
        {
            updates.Add(update);
        }

        return updates.ToAgentResponse();
    }

    private static (ChatClientAgent Plain, ChatClientAgent DeepInfra) Agents(HttpClient http)
    {
        var client = new DeepInfraChatClient(ChatPayloads.Model, new DeepInfraClientOptions { ApiKey = "bench-key", MaxRetries = 0 }, http);
        AITool[] tools =
        [
            AIFunctionFactory.Create((string city) => $"{city}: 18 °C", "get_weather", "Gets the current weather for a city."),
            AIFunctionFactory.Create((string city, int days) => $"{city}: sunny for {days} days", "get_forecast", "Gets the forecast for a city."),
        ];
        var plain = new ChatClientAgent(client, Instructions, tools: tools);
        var options = new DeepInfraAgentOptions
        {
            Budget = new AgentBudget { MaxModelCalls = 10, MaxEstimatedCostUsd = 0.05 },
            Pricing = new DeepInfraModelPricing { InputPerMillionTokens = 0.03m, OutputPerMillionTokens = 0.05m },
        };
        options.OutputGuardrails.Add(Guardrails.Output("pass_through", (_, _) => new(GuardrailVerdict.Pass)));
        return (plain, client.AsDeepInfraToolAgent(Instructions, tools, options));
    }
}
