using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Agents;

/// <summary>The run ledger: per model call usage, cost, duration and tool calls; per tool call duration and success.</summary>
public sealed class RunLedgerChatClientTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Weather in Paris?")];

    [Fact]
    public async Task GetResponseAsync_UnderToolLoop_RecordsEveryModelAndToolCallWithTotals()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(30, 10, 0.0001m),
            EmulatorReply.Text("Paris: 18 °C.").WithUsage(50, 20, 0.0002m));

        ChatResponse response = await harness.Pipeline().GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] });

        AgentRunLedger ledger = response.GetRunLedger()!;
        Assert.Equal(
            [(1, AgentHarness.Model, 30L, 10L, 40L, 0.0001, "get_weather"), (2, AgentHarness.Model, 50L, 20L, 70L, 0.0002, "")],
            ledger.ModelCalls.Select(c => (c.Index, c.ModelId, c.InputTokens, c.OutputTokens, c.TotalTokens, c.EstimatedCostUsd, string.Join(",", c.ToolCalls))));
        ToolCallRecord tool = Assert.Single(ledger.ToolCalls);
        Assert.Equal((1, "call_1", "get_weather", true, (string?)null), (tool.ModelCall, tool.CallId, tool.Name, tool.Succeeded, tool.Error));
        Assert.True(tool.Duration >= TimeSpan.Zero && ledger.Duration >= ledger.ModelDuration);
        Assert.Equal((80L, 30L, 110L, 0), (ledger.InputTokens, ledger.OutputTokens, ledger.TotalTokens, ledger.FailedToolCalls));
        Assert.Equal(0.0003, ledger.EstimatedCostUsd, 12);
        Assert.Equal("2 model calls, 1 tool call (0 failed), 110 tokens, $0.0003", ledger.ToString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UnderToolLoop_ReadsUsageAndCostFromTheStream()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(30, 10, 0.0001m),
            EmulatorReply.Text("Paris: 18 °C.").WithUsage(50, 20, 0.0002m));

        List<ChatResponseUpdate> updates = await harness.Pipeline().GetStreamingResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] }).ToListAsync();

        AgentRunLedger ledger = updates[^1].GetRunLedger()!;
        Assert.Equal([40L, 70L], ledger.ModelCalls.Select(c => c.TotalTokens!.Value));
        Assert.Equal([0.0001, 0.0002], ledger.ModelCalls.Select(c => c.EstimatedCostUsd!.Value));
        Assert.Equal(["get_weather"], ledger.ModelCalls[0].ToolCalls);
        Assert.True(ledger.ToolCalls.Single().Succeeded);
    }

    [Fact]
    public async Task GetResponseAsync_Alone_PutsAOneCallLedgerOnTheResponse()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Hi.").WithUsage(12, 3, 0.00001m));
        using var ledgerClient = new RunLedgerChatClient(harness.Client);

        ChatResponse response = await ledgerClient.GetResponseAsync(s_question);

        ModelCallRecord call = Assert.Single(response.GetRunLedger()!.ModelCalls);
        Assert.Equal((1, 15L, 0.00001), (call.Index, call.TotalTokens!.Value, call.EstimatedCostUsd!.Value));
        Assert.Null(response.GetRunOutcome());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AloneWithSpentBudget_SendsNothingAndSaysWhy()
    {
        await using var harness = new AgentHarness();
        using var ledgerClient = new RunLedgerChatClient(harness.Client);

        List<ChatResponseUpdate> updates = await ledgerClient
            .GetStreamingResponseAsync(s_question, new ChatOptions().WithBudget(new AgentBudget { MaxModelCalls = 0 })).ToListAsync();

        Assert.Empty(harness.Requests);
        ChatResponseUpdate only = Assert.Single(updates);
        Assert.Equal(AgentBudgetKind.ModelCalls, only.GetRunOutcome()!.ExceededBudget);
        Assert.Empty(only.GetRunLedger()!.ModelCalls);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Alone_LastUpdateCarriesTheLedger()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Hello there.").WithUsage(12, 3, 0.00001m));
        using var ledgerClient = new RunLedgerChatClient(harness.Client);

        List<ChatResponseUpdate> updates = await ledgerClient.GetStreamingResponseAsync(s_question).ToListAsync();

        Assert.Equal("Hello there.", updates.ToChatResponse().Text);
        Assert.Equal(15, updates[^1].GetRunLedger()!.TotalTokens);
        Assert.Equal(15, updates.ToChatResponse().GetRunLedger()!.TotalTokens);
    }

    [Fact]
    public async Task GetResponseAsync_RunFinished_LogsTotalsAndStopsWithoutArguments()
    {
        using var logs = new ListLoggerProvider();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var harness = new AgentHarness(loggerFactory);
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Secretville"}""", "call_1")).WithUsage(30, 10, 0.0001m),
            EmulatorReply.Text("never sent"));

        await harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxModelCalls = 1 })
            .GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] });

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Category == typeof(RunLedgerChatClient).FullName
            && e.Message == "Agent run stopped before a model call: BudgetExceeded (ModelCalls): The run stopped before model call 2: its budget of 1 model call is spent.");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Category == typeof(ToolLoopChatClient).FullName
            && e.Message.StartsWith("Agent run finished (BudgetExceeded): 1 model calls, 1 tool calls (0 failed), 40 tokens, estimated cost 0.0001 USD,", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Tool call get_weather (call_1) after model call 1: succeeded True", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("SkDeepInfra.Agents", StringComparison.Ordinal) && e.Message.Contains("Secretville", StringComparison.Ordinal));
    }
}
