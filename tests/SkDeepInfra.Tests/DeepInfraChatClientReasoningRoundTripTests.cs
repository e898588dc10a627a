namespace SkDeepInfra;

/// <summary>Reasoning goes back as <c>reasoning_content</c> inside the tool loop in progress, not for finished turns; configurable.</summary>
public sealed class DeepInfraChatClientReasoningRoundTripTests
{
    private static readonly ChatMessage[] s_history =
    [
        new(ChatRole.User, "Weather in Rome?"),
        new(ChatRole.Assistant, [new TextReasoningContent("Old thought."), new TextContent("Sunny.")]),
        new(ChatRole.User, "And Paris?"),
        new(ChatRole.Assistant, [new TextReasoningContent("Need the "), new TextReasoningContent("tool."), new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
        new(ChatRole.Tool, [new FunctionResultContent("call_1", "18 °C")]),
    ];

    [Theory]
    [InlineData(null, new[] { null, "Need the tool." })]
    [InlineData(DeepInfraReasoningRoundTrip.CurrentToolLoop, new[] { null, "Need the tool." })]
    [InlineData(DeepInfraReasoningRoundTrip.Never, new string?[] { null, null })]
    [InlineData(DeepInfraReasoningRoundTrip.Always, new[] { "Old thought.", "Need the tool." })]
    public async Task GetResponseAsync_ToolLoopHistory_ReasoningSentAsConfigured(DeepInfraReasoningRoundTrip? mode, string?[] expected)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Paris: 18 °C."));
        using DeepInfraChatClient client = Create(handler, mode);

        await client.GetResponseAsync(s_history);

        Assert.Equal(expected, AssistantReasoning(handler));
    }

    [Theory]
    [InlineData(null, new[] { null, "Need the tool." })]
    [InlineData(DeepInfraReasoningRoundTrip.Never, new string?[] { null, null })]
    public async Task GetStreamingResponseAsync_ToolLoopHistory_ReasoningSentAsConfigured(DeepInfraReasoningRoundTrip? mode, string?[] expected)
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = Create(handler, mode);

        await client.GetStreamingResponseAsync(s_history).ToListAsync();

        Assert.Equal(expected, AssistantReasoning(handler));
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningOnly_AssistantMessageKeepsItsShape()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("ok"));
        using DeepInfraChatClient client = Create(handler, null);

        await client.GetResponseAsync([new(ChatRole.User, "q"), new(ChatRole.Assistant, [new TextReasoningContent("t"), new FunctionCallContent("c1", "f")]), new(ChatRole.Tool, [new FunctionResultContent("c1", "r")])]);

        Assert.Contains("""{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}],"reasoning_content":"t"}""", Assert.Single(handler.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ReasoningRoundTrip_UndefinedValue_Throws() =>
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepInfraClientOptions { ReasoningRoundTrip = (DeepInfraReasoningRoundTrip)7 }).ParamName);

    private static DeepInfraChatClient Create(RecordingHandler handler, DeepInfraReasoningRoundTrip? mode)
    {
        var options = new DeepInfraClientOptions { ApiKey = "k", Endpoint = new Uri("https://deepinfra.test/v1/openai/") };
        if (mode is { } value)
        {
            options.ReasoningRoundTrip = value;
        }

        return new DeepInfraChatClient("deepseek-ai/DeepSeek-R1-0528", options, new HttpClient(handler));
    }

    private static string?[] AssistantReasoning(RecordingHandler handler)
    {
        using JsonDocument body = JsonDocument.Parse(Assert.Single(handler.Requests).Body);
        return [.. body.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "assistant")
            .Select(m => m.TryGetProperty("reasoning_content", out JsonElement r) ? r.GetString() : null)];
    }
}
