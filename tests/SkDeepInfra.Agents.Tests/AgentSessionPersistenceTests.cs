namespace SkDeepInfra.Agents;

/// <summary>A session serialised to JSON and restored by a new agent continues with nothing lost.</summary>
public sealed class AgentSessionPersistenceTests
{
    [Fact]
    public async Task DeserializeSessionAsync_InANewAgent_ContinuesWithMessagesToolResultsPendingApprovalAndLedgers()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_order_status", """{"order":42}""", "call_s")).WithUsage(40, 10, 0.0001m),
            EmulatorReply.Text("Order 42 was delivered.").WithUsage(60, 8, 0.0002m),
            EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", """{"order":42}""", "call_r")).WithUsage(70, 9, 0.0003m),
            EmulatorReply.Text("Order 42 is refunded.").WithUsage(90, 7, 0.0004m));
        ChatClientAgent before = harness.Agent(new RefundTools().All);
        AgentSession session = await before.CreateSessionAsync();
        await before.RunAsync("Where is order 42?", session);
        await before.RunAsync("Refund it.", session);
        string saved = (await before.SerializeSessionAsync(session)).GetRawText();

        // A new process: a new client, new tools and a new agent; only the JSON survives.
        var tools = new RefundTools();
        using HttpClient http = harness.Emulator.CreateHttpClient();
        using var client = new DeepInfraChatClient(AgentHarness.Model, new DeepInfraClientOptions { Endpoint = harness.Emulator.Endpoint, MaxRetries = 0 }, http);
        ChatClientAgent after = client.AsDeepInfraToolAgent("You are a concise assistant.", tools.All);
        using JsonDocument document = JsonDocument.Parse(saved);
        AgentSession restored = await after.DeserializeSessionAsync(document.RootElement);

        Assert.Equal(
            session.GetRunLedgers().Select(l => l.ToString()),
            restored.GetRunLedgers().Select(l => l.ToString()));
        Assert.Equal("call_s", restored.GetRunLedgers()[0].ToolCalls.Single().CallId);
        Assert.Equal(session.GetRunLedgers()[0].ModelCalls[0].Duration, restored.GetRunLedgers()[0].ModelCalls[0].Duration);
        Assert.True(restored.TryGetInMemoryChatHistory(out List<ChatMessage>? history));
        ToolApprovalRequestContent pending = history!.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().Single();

        AgentResponse response = await after.RunAsync(new ChatMessage(ChatRole.User, [pending.CreateResponse(approved: true)]), restored);

        Assert.Equal([42], tools.Refunded);
        Assert.Equal("Order 42 is refunded.", response.Text);
        IReadOnlyList<JsonElement> sent = harness.MessagesOf(3);
        Assert.Equal(["system", "user", "assistant", "tool", "assistant", "user", "assistant", "tool"], AgentHarness.Roles(sent));
        Assert.Equal("Order 42: delivered.", sent[3].GetProperty("content").GetString());
        Assert.Equal("Order 42 was delivered.", sent[4].GetProperty("content").GetString());
        Assert.Equal("Refunded order 42.", sent[7].GetProperty("content").GetString());
        Assert.Equal(3, restored.GetRunLedgers().Count);
        Assert.Equal("1 model call, 1 tool call (0 failed), 97 tokens, $0.0004", restored.GetRunLedgers()[2].ToString());
    }

    [Fact]
    public async Task SerializeSessionAsync_AfterARun_WritesTheLedgersIntoTheSessionJson()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Hi.").WithUsage(5, 2, 0.00001m));
        ChatClientAgent agent = harness.Agent([]);
        AgentSession session = await agent.CreateSessionAsync();
        await agent.RunAsync("Hello.", session);

        JsonElement saved = await agent.SerializeSessionAsync(session);

        JsonElement ledgers = saved.GetProperty("stateBag").GetProperty(AgentRunPropertyNames.SessionLedgers);
        Assert.Equal(7, ledgers[0].GetProperty("modelCalls")[0].GetProperty("totalTokens").GetInt64());
        Assert.Equal(0.00001, ledgers[0].GetProperty("modelCalls")[0].GetProperty("estimatedCostUsd").GetDouble(), 12);
    }

    [Fact]
    public async Task DeserializeSessionAsync_RunWithGuardrailVerdicts_KeepsThemInTheRestoredLedgers()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Hi."));
        var options = new DeepInfraAgentOptions();
        options.OutputGuardrails.Add(Guardrails.Output("polite", (_, _) => new(GuardrailVerdict.Pass)));
        ChatClientAgent agent = harness.Agent([], options);
        AgentSession session = await agent.CreateSessionAsync();
        await agent.RunAsync("Hello.", session);

        using JsonDocument document = JsonDocument.Parse((await agent.SerializeSessionAsync(session)).GetRawText());
        AgentSession restored = await agent.DeserializeSessionAsync(document.RootElement);

        GuardrailRecord record = Assert.Single(restored.GetRunLedgers()[0].Guardrails);
        Assert.Equal(("polite", GuardrailStage.Output, GuardrailAction.Pass, 1), (record.Name, record.Stage, record.Action, record.ModelCall));
    }
}
