namespace SkDeepInfra.Agents;

/// <summary>Budgets per run: checked before every model call of the loop, on each dimension, ending the run cleanly.</summary>
public sealed class ToolLoopChatClientBudgetTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Weather in Paris and Rome?")];

    [Fact]
    public async Task GetResponseAsync_ModelCallBudgetSpentMidLoop_StopsBeforeNextCallWithModelCallsOutcome()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_2")),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxModelCalls = 2 });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather] });

        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(1, harness.Emulator.PendingReplies);
        Assert.Equal(["get_weather(Paris)", "get_weather(Rome)"], tools.Calls);
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentRunStatus.BudgetExceeded, outcome.Status);
        Assert.Equal(AgentBudgetKind.ModelCalls, outcome.ExceededBudget);
        Assert.Equal("The run stopped before model call 3: its budget of 2 model calls is spent.", outcome.Message);
        Assert.Equal(["assistant", "tool", "assistant", "tool"], response.Messages.Select(m => m.Role.Value));
        Assert.Equal("Rome: 18 °C", response.Messages[^1].Contents.OfType<FunctionResultContent>().Single().Result?.ToString());
        AgentRunLedger ledger = response.GetRunLedger()!;
        Assert.Equal(2, ledger.ModelCalls.Count);
        Assert.Equal(2, ledger.ToolCalls.Count);
    }

    [Fact]
    public async Task GetResponseAsync_TokenBudgetSpentMidLoop_StopsWithTotalTokensOutcome()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(600, 300),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_2")).WithUsage(700, 200),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxTotalTokens = 2000 });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather] });

        // Call 3 would read at least the 700 tokens call 2 read: its worst case cannot fit the 200 left.
        Assert.Equal(2, harness.Requests.Count);
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentRunStatus.BudgetExceeded, outcome.Status);
        Assert.Equal(AgentBudgetKind.TotalTokens, outcome.ExceededBudget);
        Assert.StartsWith("The run stopped before model call 3: its worst case (about ", outcome.Message, StringComparison.Ordinal);
        Assert.EndsWith("input tokens and at least 64 output tokens) does not fit the 200 left of its 2000 tokens.", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(1800, response.GetRunLedger()!.TotalTokens);
        Assert.Equal("tool", response.Messages[^1].Role.Value);
    }

    [Fact]
    public async Task GetResponseAsync_CostBudgetSpentMidLoop_StopsWithEstimatedCostOutcome()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(10, 10, 0.004m),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_2")).WithUsage(10, 10, 0.004m),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxEstimatedCostUsd = 0.006 });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather] });

        Assert.Equal(2, harness.Requests.Count);
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentBudgetKind.EstimatedCost, outcome.ExceededBudget);
        Assert.Equal("The run stopped before model call 3: $0.008 of its $0.006 estimated cost is spent.", outcome.Message);
        Assert.Equal(0.008, response.GetRunLedger()!.EstimatedCostUsd, 9);
    }

    [Fact]
    public async Task GetResponseAsync_ZeroModelCallBudget_CallsNothingAndSaysSo()
    {
        await using var harness = new AgentHarness();
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxModelCalls = 0 });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] });

        Assert.Empty(harness.Requests);
        Assert.Empty(response.Messages);
        Assert.Equal("The run stopped before model call 1: its budget of 0 model calls is spent.", response.GetRunOutcome()!.Message);
    }

    [Fact]
    public async Task GetResponseAsync_BudgetInChatOptions_ReplacesDefaultAndNeverReachesTheModel()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxModelCalls = 10 });
        ChatOptions options = new ChatOptions { Tools = [new TestTools().Weather], Temperature = 0.2f }.WithBudget(new AgentBudget { MaxModelCalls = 1 });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, options);

        Assert.Single(harness.Requests);
        Assert.DoesNotContain("skdeepinfra", harness.Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(0.2, harness.Requests[0].Json.GetProperty("temperature").GetDouble(), 6);
        Assert.Equal(AgentBudgetKind.ModelCalls, response.GetRunOutcome()!.ExceededBudget);
        Assert.True(options.AdditionalProperties!.ContainsKey(AgentRunPropertyNames.Budget), "the caller's options are not changed");
    }

    [Fact]
    public async Task GetResponseAsync_NullBudgetInChatOptions_LiftsTheDefault()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Text("Paris: 18 °C."));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxModelCalls = 1 });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] }.WithBudget(null));

        Assert.Equal(2, harness.Requests.Count);
        Assert.True(response.GetRunOutcome()!.IsCompleted);
    }

    [Fact]
    public async Task GetResponseAsync_BudgetKeyOfWrongType_ThrowsArgumentException()
    {
        await using var harness = new AgentHarness();
        var options = new ChatOptions { AdditionalProperties = new() { [AgentRunPropertyNames.Budget] = "5 calls" } };

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Pipeline().GetResponseAsync(s_question, options));

        Assert.Contains("must be an AgentBudget or null", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_BudgetSpentMidLoop_LastUpdateCarriesOutcomeAndLedger()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(600, 500),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxTotalTokens = 1100 });

        List<ChatResponseUpdate> updates = await pipeline.GetStreamingResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] }).ToListAsync();

        Assert.Single(harness.Requests);
        Assert.True(harness.Requests[0].IncludeUsage);
        ChatResponseUpdate last = updates[^1];
        Assert.Empty(last.Contents);
        Assert.Equal(AgentBudgetKind.TotalTokens, last.GetRunOutcome()!.ExceededBudget);
        Assert.Equal(1100, last.GetRunLedger()!.TotalTokens);
        Assert.All(updates.SkipLast(1), u => Assert.Null(u.GetRunOutcome()));
        Assert.Equal(AgentBudgetKind.TotalTokens, updates.ToChatResponse().GetRunOutcome()!.ExceededBudget);
    }

    [Fact]
    public async Task GetResponseAsync_ModelWantsToolsPastIterationLimit_EndsAfterToolResultsWithIterationLimit()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        int call = 0;
        harness.Emulator.Responder = _ => EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", $"call_{++call}"));
        IChatClient pipeline = harness.Pipeline(loop => loop.MaximumIterationsPerRequest = 3);

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather] });

        Assert.Equal(3, harness.Requests.Count);
        Assert.Equal(3, tools.Calls.Count);
        Assert.Equal(AgentRunStatus.IterationLimit, response.GetRunOutcome()!.Status);
        Assert.Equal("tool", response.Messages[^1].Role.Value);
    }
}
