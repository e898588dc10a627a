namespace SkDeepInfra.Agents;

/// <summary>
/// The ceilings on the wire: before each model call the worst case is projected, <c>max_tokens</c> lowered to what is
/// left, and a call that cannot fit a minimal answer is not sent; through the agent, the tool loop and the ledger alone.
/// </summary>
public sealed class RunLedgerChatClientCeilingTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Weather in Paris?")];

    // The emulator's prices for the 8B model: $0.03 in, $0.05 out per 1M tokens.
    private static readonly DeepInfraModelPricing s_pricing = new() { InputPerMillionTokens = 0.03m, OutputPerMillionTokens = 0.05m };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_CostCeilingBelowRequestedMaxTokens_SendsTheLargestMaxTokensThatFits(bool streaming)
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Sunny.").WithUsage(40, 5));
        IChatClient pipeline = harness.Client.AsBuilder()
            .UseToolLoop(configure: loop => loop.Budget = new AgentBudget { MaxEstimatedCostUsd = 0.0001 })
            .UseRunLedger(ledger => ledger.Pricing = s_pricing)
            .Build();
        var options = new ChatOptions { MaxOutputTokens = 4000, Instructions = "Be brief." };

        AgentRunOutcome outcome = await Run(pipeline, options, streaming);

        Assert.True(outcome.IsCompleted);
        long estimate = ConservativeTokenEstimator.Instance.EstimateInputTokens(s_question, options);
        int sent = harness.Requests[0].Json.GetProperty("max_tokens").GetInt32();
        Assert.True(Cost(estimate, sent) <= 0.0001m, $"worst case of {sent} tokens fits");
        Assert.True(Cost(estimate, sent + 1) > 0.0001m, "one token more would not");
        Assert.Equal(4000, options.MaxOutputTokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_AgentWithCostCeilingTooSmallForAMinimalAnswer_SendsNothingAndEndsWithBudgetExceeded(bool streaming)
    {
        await using var harness = new AgentHarness();
        ChatClientAgent agent = harness.Agent([new TestTools().Weather], new DeepInfraAgentOptions
        {
            Budget = new AgentBudget { MaxEstimatedCostUsd = 0.00001 },
            Pricing = s_pricing,
        });

        AgentRunOutcome outcome = streaming
            ? (await agent.RunStreamingAsync("Weather in Paris?").ToListAsync()).ToAgentResponse().GetRunOutcome()!
            : (await agent.RunAsync("Weather in Paris?")).GetRunOutcome()!;

        Assert.Empty(harness.Requests);
        Assert.Equal((AgentRunStatus.BudgetExceeded, AgentBudgetKind.EstimatedCost), (outcome.Status, outcome.ExceededBudget));
        Assert.StartsWith("The run stopped before model call 1: its worst case (about ", outcome.Message, StringComparison.Ordinal);
        Assert.EndsWith("input tokens and at least 64 output tokens) does not fit the $0.00001 left of its $0.00001 estimated cost.", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_PricesFromTheCatalog_LowersMaxTokensWhenTheModelLimitWouldNotFit()
    {
        await using var harness = new AgentHarness();
        using HttpClient catalogHttp = harness.Emulator.CreateHttpClient();
        var catalog = new DeepInfraModelCatalog(new DeepInfraClientOptions { Endpoint = harness.Emulator.Endpoint, MaxRetries = 0 }, catalogHttp);
        harness.Emulator.Enqueue(EmulatorReply.Text("Sunny.").WithUsage(40, 5), EmulatorReply.Text("Sunny.").WithUsage(40, 5));
        IChatClient pipeline = harness.Client.AsBuilder()
            .UseToolLoop()
            .UseRunLedger(ledger => ledger.ModelCatalog = catalog)
            .Build();

        // $0.01 covers the model's 16384-token limit: nothing to lower. $0.0005 does not.
        await pipeline.GetResponseAsync(s_question, new ChatOptions().WithBudget(new AgentBudget { MaxEstimatedCostUsd = 0.01 }));
        await pipeline.GetResponseAsync(s_question, new ChatOptions().WithBudget(new AgentBudget { MaxEstimatedCostUsd = 0.0005 }));

        EmulatorRequest[] chats = [.. harness.Requests.Where(r => r.Path.EndsWith("chat/completions", StringComparison.Ordinal))];
        Assert.False(chats[0].TryGetProperty("max_tokens", out _));
        int sent = chats[1].Json.GetProperty("max_tokens").GetInt32();
        Assert.InRange(sent, 9000, 9999);
        Assert.Single(harness.Requests, r => r.Path.EndsWith("models", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_TokenCeilingOverAToolLoop_EachCallAsksOnlyForWhatIsLeft(bool streaming)
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithUsage(300, 20),
            EmulatorReply.Text("Paris: 18 °C.").WithUsage(340, 10));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxTotalTokens = 3000 });
        var options = new ChatOptions { Tools = [new TestTools().Weather] };

        AgentRunOutcome outcome = await Run(pipeline, options, streaming);

        Assert.True(outcome.IsCompleted);
        long first = ConservativeTokenEstimator.Instance.EstimateInputTokens(s_question, options);
        Assert.Equal(3000 - first, harness.Requests[0].Json.GetProperty("max_tokens").GetInt32());

        // The second call: 320 tokens spent, and its input is the reported 300 plus the two messages added since.
        int second = harness.Requests[1].Json.GetProperty("max_tokens").GetInt32();
        Assert.InRange(second, 3000 - 320 - 300 - 200, 3000 - 320 - 300 - 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_LedgerAloneWithOutputCeiling_LowersMaxTokensOnTheWire(bool streaming)
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Sunny.").WithUsage(40, 5));
        using var ledger = new RunLedgerChatClient(harness.Client);
        ChatOptions options = new ChatOptions { MaxOutputTokens = 500 }.WithBudget(new AgentBudget { MaxOutputTokens = 100 });

        if (streaming)
        {
            await ledger.GetStreamingResponseAsync(s_question, options).ToListAsync();
        }
        else
        {
            await ledger.GetResponseAsync(s_question, options);
        }

        Assert.Equal(100, harness.Requests[0].Json.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task GetResponseAsync_ReplyWithoutUsage_IsChargedItsWorstCase()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")).WithoutUsage(),
            EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Pipeline(loop => loop.Budget = new AgentBudget { MaxOutputTokens = 150, MinimumAnswerTokens = 64 });

        ChatResponse response = await pipeline.GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather], MaxOutputTokens = 100 });

        // Nothing reported, so the call counts its whole max_tokens: 50 output tokens are left, fewer than a minimal answer.
        Assert.Single(harness.Requests);
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentBudgetKind.OutputTokens, outcome.ExceededBudget);
        Assert.EndsWith("does not fit the 50 left of its 150 output tokens.", outcome.Message, StringComparison.Ordinal);
        Assert.Null(response.GetRunLedger()!.ModelCalls[0].OutputTokens);
    }

    private static decimal Cost(long input, long output) => s_pricing.EstimateCost(input, output)!.Value;

    private static async Task<AgentRunOutcome> Run(IChatClient pipeline, ChatOptions options, bool streaming) =>
        streaming
            ? (await pipeline.GetStreamingResponseAsync(s_question, options).ToListAsync())[^1].GetRunOutcome()!
            : (await pipeline.GetResponseAsync(s_question, options)).GetRunOutcome()!;
}
