namespace SkDeepInfra.Agents;

/// <summary>A run stopped by its budget leaves a conversation that the same session continues with a new budget.</summary>
public sealed class AgentBudgetContinuationTests
{
    [Fact]
    public async Task RunAsync_AfterBudgetStop_SameSessionContinuesWithANewBudget()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Text("Paris: 18 °C."));
        ChatClientAgent agent = harness.Agent([tools.Weather], new DeepInfraAgentOptions { Budget = new AgentBudget { MaxModelCalls = 1 } });
        AgentSession session = await agent.CreateSessionAsync();

        AgentResponse stopped = await agent.RunAsync("Weather in Paris?", session);
        AgentResponse continued = await agent.RunAsync(session, new AgentRunOptions().WithBudget(new AgentBudget { MaxModelCalls = 3 }));

        Assert.Equal(AgentBudgetKind.ModelCalls, stopped.GetRunOutcome()!.ExceededBudget);
        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.True(continued.GetRunOutcome()!.IsCompleted);
        Assert.Equal("Paris: 18 °C.", continued.Text);
        Assert.Equal(["system", "user", "assistant", "tool"], AgentHarness.Roles(harness.MessagesOf(1)));
        Assert.Equal([("call_1", "Paris: 18 °C")], harness.ToolMessagesOf(1));
        Assert.DoesNotContain("skdeepinfra", harness.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal([1, 1], session.GetRunLedgers().Select(l => l.ModelCalls.Count));
    }

    [Fact]
    public async Task RunAsync_BudgetPerRunFromAgentRunOptions_ReplacesTheAgentDefaultForThatRunOnly()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Responder = _ => EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", $"call_{Guid.NewGuid():N}"));
        ChatClientAgent agent = harness.Agent([new TestTools().Weather], new DeepInfraAgentOptions { Budget = new AgentBudget { MaxModelCalls = 3 } });

        AgentResponse narrow = await agent.RunAsync("Weather?", options: new AgentRunOptions().WithBudget(new AgentBudget { MaxModelCalls = 1 }));
        AgentResponse standard = await agent.RunAsync("Weather?");

        Assert.Single(narrow.GetRunLedger()!.ModelCalls);
        Assert.Equal(3, standard.GetRunLedger()!.ModelCalls.Count);
        Assert.Equal(4, harness.Requests.Count);
    }
}
