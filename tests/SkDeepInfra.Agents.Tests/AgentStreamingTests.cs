namespace SkDeepInfra.Agents;

/// <summary>Streaming steps reach the caller as they happen: text deltas, tool-call starts, tool results, usage, outcome.</summary>
public sealed class AgentStreamingTests
{
    [Fact]
    public async Task RunStreamingAsync_ToolRun_StepsArriveInTheOrderTheyHappen()
    {
        await using var harness = new AgentHarness();
        var timeline = new List<string>();
        AIFunction weather = AIFunctionFactory.Create(
            (string city) =>
            {
                timeline.Add("tool ran");
                return $"{city}: 18 °C";
            },
            "get_weather");
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Text("Paris is at 18 °C today."));
        ChatClientAgent agent = harness.Agent([weather]);

        var steps = new List<string>();
        var text = new System.Text.StringBuilder();
        AgentRunOutcome? outcome = null;
        await foreach (AgentResponseUpdate update in agent.RunStreamingAsync("Weather in Paris?"))
        {
            foreach (AIContent content in update.Contents)
            {
                string step = content switch
                {
                    TextContent t => Step(text.Append(t.Text), "text"),
                    FunctionCallContent call => Step(timeline, $"call {call.Name}"),
                    FunctionResultContent result => $"result {result.CallId}: {result.Result}",
                    UsageContent => "usage",
                    _ => content.GetType().Name,
                };
                if (steps.Count == 0 || steps[^1] != step)
                {
                    steps.Add(step);
                }
            }

            outcome ??= update.GetRunOutcome();
        }

        Assert.Equal(["call get_weather", "usage", "result call_1: Paris: 18 °C", "text", "usage"], steps);
        Assert.Equal(["call get_weather seen", "tool ran"], timeline);
        Assert.True(text.Length > 0 && text.ToString() == "Paris is at 18 °C today.");
        Assert.True(outcome!.IsCompleted);
        Assert.True(harness.Requests.All(r => r.IsStreaming));
    }

    [Fact]
    public async Task RunStreamingAsync_WithSession_KeepsTheRunLedgerAndHistory()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(20, 5, 0.0001m),
            EmulatorReply.Text("Sunny.").WithUsage(30, 2, 0.0001m));
        ChatClientAgent agent = harness.Agent([new TestTools().Weather]);
        AgentSession session = await agent.CreateSessionAsync();

        AgentResponse response = await agent.RunStreamingAsync("Weather in Paris?", session).ToAgentResponseAsync();

        Assert.Equal("2 model calls, 1 tool call (0 failed), 57 tokens, $0.0002", response.GetRunLedger()!.ToString());
        Assert.Equal(response.GetRunLedger()!.ToString(), Assert.Single(session.GetRunLedgers()).ToString());
        Assert.True(session.TryGetInMemoryChatHistory(out List<ChatMessage>? history));
        Assert.Equal(["user", "assistant", "tool", "assistant"], history!.Select(m => m.Role.Value));
    }

    private static string Step(System.Text.StringBuilder _, string label) => label;

    private static string Step(List<string> timeline, string label)
    {
        timeline.Add(label + " seen");
        return label;
    }
}
