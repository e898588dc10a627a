namespace SkDeepInfra.Agents;

/// <summary>
/// The last answer: a run stopped by a budget, tool-call or iteration limit makes one more call without tools, reserved
/// in the budget in advance, and returns the model's answer while its outcome still names the limit.
/// </summary>
public sealed class ToolLoopChatClientLastAnswerTests
{
    private const string Instruction = "No more tools: answer now.";
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Weather in Paris and Rome?")];

    [Fact]
    public async Task GetResponseAsync_ModelCallBudgetWithLastAnswer_KeepsLastCallForAnswerWithoutTools()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_2")),
            EmulatorReply.Text("Paris is mild; Rome I could not check."));
        IChatClient pipeline = harness.Pipeline(loop =>
        {
            loop.Budget = new AgentBudget { MaxModelCalls = 3 };
            loop.LastAnswerOnLimit = true;
            loop.LastAnswerInstruction = Instruction;
        });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather] });

        Assert.Equal(3, harness.Requests.Count);
        Assert.Equal(["get_weather(Paris)", "get_weather(Rome)"], tools.Calls);
        JsonElement last = harness.Requests[2].Json;
        Assert.True(harness.Requests[1].Json.TryGetProperty("tools", out _));
        Assert.False(last.TryGetProperty("tools", out _));
        Assert.False(last.TryGetProperty("tool_choice", out _));
        Assert.Equal(256, last.GetProperty("max_tokens").GetInt32());
        Assert.Equal(["user", "assistant", "tool", "assistant", "tool", "user"], AgentHarness.Roles(harness.MessagesOf(2)));
        Assert.Equal(Instruction, harness.MessagesOf(2)[^1].GetProperty("content").GetString());

        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentRunStatus.BudgetExceeded, outcome.Status);
        Assert.Equal(AgentBudgetKind.ModelCalls, outcome.ExceededBudget);
        Assert.Equal("The run stopped before model call 3: the rest of its budget of 3 model calls is kept for the last answer.", outcome.Message);
        Assert.Equal(["assistant", "tool", "assistant", "tool", "assistant"], response.Messages.Select(m => m.Role.Value));
        Assert.Equal("Paris is mild; Rome I could not check.", response.Messages[^1].Text);
        Assert.Equal(3, response.GetRunLedger()!.ModelCalls.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_IterationLimitWithLastAnswer_StreamsAnswerBeforeOutcome()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_2")),
            EmulatorReply.Text("Both are warm."));
        IChatClient pipeline = harness.Pipeline(loop =>
        {
            loop.MaximumIterationsPerRequest = 2;
            loop.LastAnswerOnLimit = true;
            loop.LastAnswerMaxTokens = 100;
        });

        List<ChatResponseUpdate> updates = await pipeline.GetStreamingResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather], MaxOutputTokens = 500 }).ToListAsync();

        Assert.Equal(3, harness.Requests.Count);
        Assert.True(harness.Requests[2].IsStreaming);
        Assert.False(harness.Requests[2].Json.TryGetProperty("tools", out _));
        Assert.Equal(100, harness.Requests[2].Json.GetProperty("max_tokens").GetInt32());
        Assert.Equal("user", harness.MessagesOf(2)[^1].GetProperty("role").GetString());
        Assert.Empty(updates[^1].Contents);
        Assert.Equal(AgentRunStatus.IterationLimit, updates[^1].GetRunOutcome()!.Status);
        ChatResponse response = updates.ToChatResponse();
        Assert.Equal("Both are warm.", response.Messages[^1].Text);
        Assert.Equal(3, updates[^1].GetRunLedger()!.ModelCalls.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_TokenCeilingWithLastAnswer_ReservesItFromFirstCallAndStaysUnderCeiling(bool streaming)
    {
        var budget = new AgentBudget { MaxTotalTokens = 3000 };
        await using var plain = new AgentHarness();
        plain.Emulator.Enqueue(EmulatorReply.Text("Paris: 21 °C.").WithUsage(900, 20));
        await plain.Pipeline(loop => loop.Budget = budget).GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] });
        int withoutReserve = plain.Requests[0].Json.GetProperty("max_tokens").GetInt32();

        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(900, 700),
            EmulatorReply.Text("Paris: 21 °C.").WithUsage(1000, 20));
        IChatClient pipeline = harness.Pipeline(loop =>
        {
            loop.Budget = budget;
            loop.LastAnswerOnLimit = true;
            loop.LastAnswerMaxTokens = 200;
        });

        var options = new ChatOptions { Tools = [tools.Weather] };
        ChatResponse response = streaming
            ? (await pipeline.GetStreamingResponseAsync(s_question, options).ToListAsync()).ToChatResponse()
            : await pipeline.GetResponseAsync(s_question, options);

        // The first call leaves room for a last answer right after it: its own input again, the instruction and 200 tokens.
        int inputEstimate = 3000 - withoutReserve;
        int first = harness.Requests[0].Json.GetProperty("max_tokens").GetInt32();
        Assert.InRange(first, 700, withoutReserve - inputEstimate - 200 - 1);

        // The second call does not fit beside the reserve: the last answer is sent instead, without tools.
        Assert.Equal(2, harness.Requests.Count);
        Assert.False(harness.Requests[1].Json.TryGetProperty("tools", out _));
        Assert.Equal(200, harness.Requests[1].Json.GetProperty("max_tokens").GetInt32());
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentRunStatus.BudgetExceeded, outcome.Status);
        Assert.Equal(AgentBudgetKind.TotalTokens, outcome.ExceededBudget);
        Assert.Equal("Paris: 21 °C.", response.Messages[^1].Text);
        AgentRunLedger ledger = response.GetRunLedger()!;
        Assert.Equal(2, ledger.ModelCalls.Count);
        Assert.Equal(2620, ledger.TotalTokens);
        Assert.Equal(2620, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ToolResultOutgrowsReserve_SendsNoLastAnswerAndStaysUnderCeiling()
    {
        await using var harness = new AgentHarness();
        AIFunction lookup = AIFunctionFactory.Create((string query) => new string('r', 4000), "lookup", "Looks something up.");
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("lookup", """{"query":"all"}""", "call_1")).WithUsage(900, 700),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop =>
        {
            loop.Budget = new AgentBudget { MaxTotalTokens = 3000 };
            loop.LastAnswerOnLimit = true;
        });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [lookup] });

        Assert.Single(harness.Requests);
        Assert.Equal(1, harness.Emulator.PendingReplies);
        Assert.Equal(AgentBudgetKind.TotalTokens, response.GetRunOutcome()!.ExceededBudget);
        Assert.Equal("tool", response.Messages[^1].Role.Value);
        Assert.Single(response.GetRunLedger()!.ModelCalls);
    }

    [Fact]
    public async Task GetResponseAsync_ConsecutiveErrorLimit_MakesNoLastAnswer()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Responder = _ => EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_x"));
        IChatClient pipeline = harness.Pipeline(loop =>
        {
            loop.MaximumConsecutiveErrorsPerRequest = 1;
            loop.LastAnswerOnLimit = true;
        });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Broken] });

        Assert.Single(harness.Requests);
        Assert.Equal(AgentRunStatus.ConsecutiveErrorLimit, response.GetRunOutcome()!.Status);
    }

    [Fact]
    public async Task LastAnswerSettings_OutOfRange_Throw()
    {
        await using var harness = new AgentHarness();
        using var loop = new ToolLoopChatClient(harness.Client);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => loop.LastAnswerMaxTokens = 0).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => loop.LastAnswerInstruction = " ").ParamName);
        Assert.False(loop.LastAnswerOnLimit);
        var options = new DeepInfraAgentOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.LastAnswerMaxTokens = 0);
        Assert.Throws<ArgumentException>(() => options.LastAnswerInstruction = string.Empty);
        Assert.False(options.LastAnswerOnLimit);
    }
}
