namespace SkDeepInfra.Agents;

/// <summary>An agent with <see cref="DeepInfraAgentOptions.LastAnswerOnLimit"/> answers from what it has when a limit stops it.</summary>
public sealed class AgentLastAnswerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_ToolCallBudgetSpent_AnswersWithoutToolsAndReportsToolCallsLimit(bool streaming)
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_2")),
            EmulatorReply.Text("Paris is at 18 °C; Rome is unknown."));
        ChatClientAgent agent = harness.Agent([tools.Weather], new DeepInfraAgentOptions
        {
            Budget = new AgentBudget { MaxToolCalls = 1 },
            LastAnswerOnLimit = true,
            LastAnswerMaxTokens = 120,
        });

        string text;
        AgentRunOutcome outcome;
        if (streaming)
        {
            List<AgentResponseUpdate> updates = await agent.RunStreamingAsync("Weather in Paris and Rome?").ToListAsync();
            text = string.Concat(updates.Select(u => u.Text));
            outcome = updates[^1].GetRunOutcome()!;
        }
        else
        {
            AgentResponse response = await agent.RunAsync("Weather in Paris and Rome?");
            text = response.Text;
            outcome = response.GetRunOutcome()!;
        }

        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.Equal(3, harness.Requests.Count);
        Assert.Equal(streaming, harness.Requests[2].IsStreaming);
        Assert.True(harness.Requests[1].Json.TryGetProperty("tools", out _));
        Assert.False(harness.Requests[2].Json.TryGetProperty("tools", out _));
        Assert.Equal(120, harness.Requests[2].Json.GetProperty("max_tokens").GetInt32());
        Assert.Equal(["system", "user", "assistant", "tool", "assistant", "tool", "user"], AgentHarness.Roles(harness.MessagesOf(2)));
        Assert.StartsWith("You cannot call any more tools.", harness.MessagesOf(2)[^1].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal("Paris is at 18 °C; Rome is unknown.", text);
        Assert.Equal(AgentRunStatus.BudgetExceeded, outcome.Status);
        Assert.Equal(AgentBudgetKind.ToolCalls, outcome.ExceededBudget);
    }
}
