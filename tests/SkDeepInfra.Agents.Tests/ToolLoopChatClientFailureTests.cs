namespace SkDeepInfra.Agents;

/// <summary>A run that throws keeps what it spent: the ledger so far is on the exception and in the agent session.</summary>
public sealed class ToolLoopChatClientFailureTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Weather in Paris?")];

    [Fact]
    public async Task GetResponseAsync_ModelCallFailsAfterAToolCall_ExceptionCarriesTheLedgerSoFar()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Error(400, """{"error":{"message":"context too long"}}"""));

        var error = await Assert.ThrowsAsync<DeepInfraException>(() =>
            harness.Pipeline().GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] }));

        Assert.Equal("context too long", error.ProviderMessage);
        AgentRunLedger ledger = Assert.IsType<AgentRunLedger>(error.Data[AgentRunPropertyNames.Ledger]);
        Assert.Single(ledger.ModelCalls);
        Assert.True(ledger.TotalTokens > 0);
        Assert.True(ledger.EstimatedCostUsd > 0);
        ToolCallRecord tool = Assert.Single(ledger.ToolCalls);
        Assert.Equal("call_1", tool.CallId);
        Assert.True(tool.Succeeded);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ModelCallFails_ExceptionCarriesTheLedgerAfterTheUpdates()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Error(503, """{"error":"overloaded"}"""));
        var updates = new List<ChatResponseUpdate>();

        var error = await Assert.ThrowsAsync<DeepInfraException>(async () =>
        {
            await foreach (ChatResponseUpdate update in harness.Pipeline().GetStreamingResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] }))
            {
                updates.Add(update);
            }
        });

        Assert.Contains(updates, u => u.Contents.OfType<FunctionCallContent>().Any(c => c.CallId == "call_1"));
        AgentRunLedger ledger = Assert.IsType<AgentRunLedger>(error.Data[AgentRunPropertyNames.Ledger]);
        Assert.Single(ledger.ModelCalls);
        Assert.Single(ledger.ToolCalls);
    }

    [Fact]
    public async Task RunAsync_AgentRunThrows_SessionKeepsTheFailedRunsLedger()
    {
        await using var harness = new AgentHarness();
        ChatClientAgent agent = harness.Agent([new TestTools().Weather]);
        AgentSession session = await agent.CreateSessionAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("Hello."));
        await agent.RunAsync("Hi", session);
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Error(500, """{"error":"boom"}"""));

        await Assert.ThrowsAsync<DeepInfraException>(() => agent.RunAsync("Weather in Paris?", session));

        IReadOnlyList<AgentRunLedger> ledgers = session.GetRunLedgers();
        Assert.Equal(2, ledgers.Count);
        Assert.Single(ledgers[1].ModelCalls);
        Assert.Equal("call_1", Assert.Single(ledgers[1].ToolCalls).CallId);
    }
}
