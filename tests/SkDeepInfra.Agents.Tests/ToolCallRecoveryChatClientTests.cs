using Moq;

namespace SkDeepInfra.Agents;

/// <summary>Tool calls written as text become real calls, streaming and not; prose stays prose.</summary>
public sealed class ToolCallRecoveryChatClientTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Weather in Paris?")];

    [Fact]
    public async Task RunAsync_PythonTagReply_BecomesARealToolCallThatRuns()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.Text("""<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}}<|eom_id|>"""),
            EmulatorReply.Text("Paris: 18 °C."));

        AgentResponse response = await harness.Agent([tools.Weather]).RunAsync("Weather in Paris?");

        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        (string id, string name, string arguments) = Assert.Single(harness.ToolCallsOf(1));
        Assert.Equal(("get_weather", """{"city":"Paris"}"""), (name, arguments));
        Assert.StartsWith("call_", id, StringComparison.Ordinal);
        Assert.Equal([(id, "Paris: 18 °C")], harness.ToolMessagesOf(1));
        Assert.DoesNotContain(harness.MessagesOf(1), m => m.TryGetProperty("content", out JsonElement c) && c.GetString()?.Contains("python_tag", StringComparison.Ordinal) == true);
        ModelCallRecord first = response.GetRunLedger()!.ModelCalls[0];
        Assert.True(first.ToolCallsRecoveredFromText);
        Assert.Equal(["get_weather"], first.ToolCalls);
    }

    [Fact]
    public async Task GetResponseAsync_SeveralBareCallsSeparatedBySemicolons_AllRecoveredInOrder()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.Text("""{"name": "get_weather", "parameters": {"city": "Paris"}}; {"type": "function", "name": "get_forecast", "parameters": {"city": "Rome", "days": 2}}"""),
            EmulatorReply.Text("Done."));

        ChatResponse response = await harness.Pipeline(loop => loop.AllowConcurrentInvocation = false)
            .GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather, tools.Forecast] });

        Assert.Equal(["get_weather(Paris)", "get_forecast(Rome,2,c)"], tools.Calls);
        Assert.Equal(["get_weather", "get_forecast"], harness.ToolCallsOf(1).Select(c => c.Name));
        Assert.All(response.Messages[0].Contents, c => Assert.IsType<FunctionCallContent>(c));
        Assert.Equal(2, response.Messages[0].Contents.Count);
    }

    [Fact]
    public async Task GetResponseAsync_ProseAroundJson_StaysProse()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        const string Prose = """I would call {"name": "get_weather", "parameters": {"city": "Paris"}} but I know it is sunny.""";
        harness.Emulator.Enqueue(EmulatorReply.Text(Prose));

        ChatResponse response = await harness.Pipeline().GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather] });

        Assert.Empty(tools.Calls);
        Assert.Equal(Prose, response.Text);
        Assert.True(response.GetRunOutcome()!.IsCompleted);
    }

    [Fact]
    public async Task GetResponseAsync_NoToolsOffered_JsonCallStaysText()
    {
        const string Json = """{"name": "get_weather", "parameters": {"city": "Paris"}}""";
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, Json)));
        using var recovery = new ToolCallRecoveryChatClient(inner.Object);

        ChatResponse response = await recovery.GetResponseAsync(s_question, new ChatOptions());

        Assert.Equal(Json, response.Text);
        Assert.Empty(response.Messages[0].Contents.OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task GetResponseAsync_ToolModeNone_JsonCallStaysText()
    {
        const string Json = """{"name": "get_weather", "parameters": {"city": "Paris"}}""";
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, Json)));
        using var recovery = new ToolCallRecoveryChatClient(inner.Object);

        ChatResponse response = await recovery.GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather], ToolMode = ChatToolMode.None });

        Assert.Equal(Json, response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_StandaloneOverMockClient_ReturnsMarkedCallsAndToolCallsFinish()
    {
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("need weather"), new TextContent("""<|python_tag|>{"name": "get_weather", "parameters": {"city": "Oslo"}}""")]))
            {
                FinishReason = ChatFinishReason.Stop,
            });
        using var recovery = new ToolCallRecoveryChatClient(inner.Object);

        ChatResponse response = await recovery.GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] });

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.IsType<TextReasoningContent>(response.Messages[0].Contents[0]);
        FunctionCallContent call = Assert.IsType<FunctionCallContent>(response.Messages[0].Contents[1]);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Oslo", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Equal(true, call.AdditionalProperties![AgentRunPropertyNames.RecoveredFromText]);
        Assert.Equal(2, response.Messages[0].Contents.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallSplitAcrossChunks_RecoveredWithUsageKept()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.Text("""<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}}"""),
            EmulatorReply.Text("Paris: 18 °C."));

        List<ChatResponseUpdate> updates = await harness.Pipeline()
            .GetStreamingResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather] }).ToListAsync();

        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.DoesNotContain(updates, u => u.Text.Contains("python_tag", StringComparison.Ordinal));
        ChatResponseUpdate callUpdate = Assert.Single(updates, u => u.Contents.OfType<FunctionCallContent>().Any());
        Assert.Equal("get_weather", callUpdate.Contents.OfType<FunctionCallContent>().Single().Name);
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.ToolCalls);
        Assert.Equal(2, updates.Count(u => u.Contents.OfType<UsageContent>().Any()));
        Assert.Equal("Paris: 18 °C.", updates.ToChatResponse().Messages[^1].Text);
        Assert.True(updates[^1].GetRunLedger()!.ModelCalls[0].ToolCallsRecoveredFromText);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Prose_PassesThroughChunkByChunk()
    {
        var chunks = new[] { "Sunny ", "in ", "Paris." }
            .Select(t => new ChatResponseUpdate(ChatRole.Assistant, t))
            .Append(new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { TotalTokenCount = 9 })], FinishReason = ChatFinishReason.Stop })
            .ToArray();
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(chunks.ToAsyncEnumerable());
        using var recovery = new ToolCallRecoveryChatClient(inner.Object);

        List<ChatResponseUpdate> updates = await recovery
            .GetStreamingResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] }).ToListAsync();

        Assert.Equal(chunks, updates);
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_JsonThatIsNotACall_ReleasedUnchangedAtTheEnd()
    {
        var chunks = new[] { "{\"answer\": ", "42}" }.Select(t => new ChatResponseUpdate(ChatRole.Assistant, t)).ToArray();
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(chunks.ToAsyncEnumerable());
        using var recovery = new ToolCallRecoveryChatClient(inner.Object);

        List<ChatResponseUpdate> updates = await recovery
            .GetStreamingResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Weather] }).ToListAsync();

        Assert.Equal(chunks, updates);
        Assert.Equal("{\"answer\": 42}", string.Concat(updates.Select(u => u.Text)));
    }
}
