namespace SkDeepInfra.Agents;

/// <summary>The limits beyond model calls, tokens and cost: tool calls, input tokens, output tokens and wall-clock time, each with its typed outcome.</summary>
public sealed class ToolLoopChatClientLimitTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Weather in Paris and Rome?")];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ModelAsksForMoreToolCallsThanAllowed_RunsTheAllowedOnesAndStops(bool streaming)
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(
                new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1"),
                new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_2")),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxToolCalls = 1 });

        (AgentRunOutcome outcome, AgentRunLedger ledger, List<ChatMessage> messages) = await Run(pipeline, new ChatOptions { Tools = [tools.Weather] }, streaming);

        Assert.Single(harness.Requests);
        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.Equal((AgentRunStatus.BudgetExceeded, AgentBudgetKind.ToolCalls), (outcome.Status, outcome.ExceededBudget));
        Assert.Equal("The run stopped before a tool call: its budget of 1 tool call is spent.", outcome.Message);
        FunctionResultContent[] results = [.. messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>()];
        Assert.Equal(["call_1", "call_2"], results.Select(r => r.CallId));
        Assert.Equal(
            "Error: tool \"get_weather\" was not run: The run stopped before a tool call: its budget of 1 tool call is spent. Answer with what you have.",
            results[1].Result?.ToString());
        Assert.Equal([true, false], ledger.ToolCalls.Select(t => t.Succeeded));
    }

    [Fact]
    public async Task RunAsync_AgentWithConcurrentToolsPastTheToolBudget_RunsExactlyTheAllowedNumber()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(
                new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1"),
                new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_2"),
                new EmulatorToolCall("get_weather", """{"city":"Oslo"}""", "call_3")),
            EmulatorReply.Text("never sent"));
        ChatClientAgent agent = harness.Agent([tools.Weather], new DeepInfraAgentOptions { Budget = new AgentBudget { MaxToolCalls = 2 } });

        AgentResponse response = await agent.RunAsync("Weather in three cities?");

        Assert.Equal(2, tools.Calls.Count);
        Assert.Equal(AgentBudgetKind.ToolCalls, response.GetRunOutcome()!.ExceededBudget);
        Assert.Equal(1, response.GetRunLedger()!.FailedToolCalls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_InputOfTheNextCallPastTheInputBudget_SendsNothing(bool streaming)
    {
        await using var harness = new AgentHarness();
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxInputTokens = 50 });

        (AgentRunOutcome outcome, _, _) = await Run(pipeline, new ChatOptions { Tools = [new TestTools().Weather] }, streaming);

        Assert.Empty(harness.Requests);
        Assert.Equal(AgentBudgetKind.InputTokens, outcome.ExceededBudget);
        Assert.StartsWith("The run stopped before model call 1: its input (about ", outcome.Message, StringComparison.Ordinal);
        Assert.EndsWith("tokens) does not fit the 50 left of its 50 input tokens.", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_OutputBudgetSpent_StopsBeforeTheNextCall(bool streaming)
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(30, 90),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxOutputTokens = 100 });

        (AgentRunOutcome outcome, AgentRunLedger ledger, _) = await Run(pipeline, new ChatOptions { Tools = [new TestTools().Weather] }, streaming);

        Assert.Single(harness.Requests);
        Assert.Equal(100, harness.Requests[0].Json.GetProperty("max_tokens").GetInt32());
        Assert.Equal(AgentBudgetKind.OutputTokens, outcome.ExceededBudget);
        Assert.EndsWith("does not fit the 10 left of its 100 output tokens.", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(90, ledger.OutputTokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RunOutlastsItsTimeBudget_StopsBeforeTheNextModelCall(bool streaming)
    {
        await using var harness = new AgentHarness();
        AIFunction slow = AIFunctionFactory.Create(
            async (string city) =>
            {
                await Task.Delay(1200);
                return $"{city}: 18 °C";
            },
            "get_weather");
        harness.Emulator.Enqueue(
            EmulatorReply.Text("warm-up"),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Text("never sent"));
        await harness.Client.GetResponseAsync("Warm up.");
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxDuration = TimeSpan.FromSeconds(1) });

        (AgentRunOutcome outcome, AgentRunLedger ledger, List<ChatMessage> messages) = await Run(pipeline, new ChatOptions { Tools = [slow] }, streaming);

        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal((AgentRunStatus.BudgetExceeded, AgentBudgetKind.Duration), (outcome.Status, outcome.ExceededBudget));
        Assert.Matches(@"^The run stopped before model call 2: [0-9.]+ s of its 1 s are spent\.$", outcome.Message);
        Assert.Equal("Paris: 18 °C", messages[^1].Contents.OfType<FunctionResultContent>().Single().Result?.ToString());
        Assert.True(ledger.Duration >= TimeSpan.FromSeconds(1));
    }

    private static async Task<(AgentRunOutcome Outcome, AgentRunLedger Ledger, List<ChatMessage> Messages)> Run(IChatClient pipeline, ChatOptions options, bool streaming)
    {
        ChatResponse response = streaming
            ? (await pipeline.GetStreamingResponseAsync(s_question, options).ToListAsync()).ToChatResponse()
            : await pipeline.GetResponseAsync(s_question, options);
        return (response.GetRunOutcome()!, response.GetRunLedger()!, [.. response.Messages]);
    }
}
