namespace SkDeepInfra.Internal;

public sealed class ChatRequestMapperTests
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task ToWireMessages_InstructionsAndSystemMessages_MergedIntoOneLeadingSystemMessage()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are a chef."),
            new(ChatRole.User, "Hi"),
            new(ChatRole.System, "Answer in French."),
            new(ChatRole.Assistant, "Bonjour"),
            new(ChatRole.User, "Lamb?"),
        ];

        JsonElement sent = await SentRequests.CaptureAsync(messages, new ChatOptions { Instructions = "Be brief." });

        SentRequests.Equal(
            """
            [
              {"role":"system","content":"Be brief.\n\nYou are a chef.\n\nAnswer in French."},
              {"role":"user","content":"Hi"},
              {"role":"assistant","content":"Bonjour"},
              {"role":"user","content":"Lamb?"}
            ]
            """,
            sent.GetProperty("messages"));
    }

    [Fact]
    public async Task ToWireMessages_NoSystemText_SendsNoSystemMessage()
    {
        JsonElement sent = await SentRequests.CaptureAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Instructions = "" });

        SentRequests.Equal("""[{"role":"user","content":"Hi"}]""", sent.GetProperty("messages"));
    }

    [Fact]
    public async Task ToWireMessages_TextOnlyUserMessage_SendsPlainString()
    {
        JsonElement sent = await SentRequests.CaptureAsync([new ChatMessage(ChatRole.User, [new TextContent("Hello, "), new TextContent("world")])]);

        JsonElement content = sent.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal(JsonValueKind.String, content.ValueKind);
        Assert.Equal("Hello, world", content.GetString());
    }

    [Fact]
    public async Task ToWireMessages_UserAuthorName_SendsName()
    {
        JsonElement sent = await SentRequests.CaptureAsync([new ChatMessage(ChatRole.User, "Hi") { AuthorName = "alice" }]);

        SentRequests.Equal("""{"role":"user","content":"Hi","name":"alice"}""", sent.GetProperty("messages")[0]);
    }

    [Fact]
    public async Task ToWireMessages_TextAndImages_SendsContentParts()
    {
        ChatMessage message = new(ChatRole.User,
        [
            new TextContent("What is in these pictures?"),
            new UriContent("https://example.com/cat.jpg", "image/jpeg"),
            new DataContent(s_png, "image/png"),
        ]);

        JsonElement sent = await SentRequests.CaptureAsync([message]);

        SentRequests.Equal(
            """
            {"role":"user","content":[
              {"type":"text","text":"What is in these pictures?"},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}
            ]}
            """,
            sent.GetProperty("messages")[0]);
    }

    [Fact]
    public async Task ToWireMessages_PdfDataContent_ThrowsNotSupportedNamingContentType()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        ChatMessage message = new(ChatRole.User, [new TextContent("Summarize"), new DataContent(s_png, "application/pdf")]);

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([message]));

        Assert.Contains("DataContent", ex.Message, StringComparison.Ordinal);
        Assert.Contains("application/pdf", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ToWireMessages_PdfNextToImage_ThrowsNotSupportedNamingContentType()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        ChatMessage message = new(ChatRole.User, [new DataContent(s_png, "image/png"), new UriContent("https://example.com/a.pdf", "application/pdf")]);

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([message]));

        Assert.Contains("UriContent", ex.Message, StringComparison.Ordinal);
        Assert.Contains("application/pdf", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ToWireMessages_CustomContent_ThrowsNotSupportedNamingContentType()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("Hi"), new CustomContent()])]));

        Assert.Contains(nameof(CustomContent), ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ToWireMessages_ImageInAssistantMessage_ThrowsNotSupported()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        ChatMessage[] messages = [new(ChatRole.User, "Hi"), new(ChatRole.Assistant, [new DataContent(s_png, "image/png")])];

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync(messages));

        Assert.Contains("DataContent", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ToWireMessages_UnknownRole_ThrowsNotSupported()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(
            () => client.GetResponseAsync([new ChatMessage(new ChatRole("developer"), "Hi")]));

        Assert.Contains("developer", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ToWireMessages_OnlySystemMessages_ThrowsArgumentException()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.System, "Be nice.")]));

        Assert.Equal("messages", ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ToWireMessages_AssistantFunctionCall_SendsToolCalls()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 3 })]),
        ];

        JsonElement sent = await SentRequests.CaptureAsync(messages);

        JsonElement assistant = sent.GetProperty("messages")[1];
        SentRequests.Equal(
            """
            {"role":"assistant","tool_calls":[
              {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":3}"}}
            ]}
            """,
            assistant);
        Assert.Equal(JsonValueKind.String, assistant.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").ValueKind);
    }

    [Fact]
    public async Task ToWireMessages_FunctionCallWithoutArguments_SendsEmptyObjectText()
    {
        ChatMessage[] messages = [new(ChatRole.User, "Time?"), new(ChatRole.Assistant, [new FunctionCallContent("call_1", "now")])];

        JsonElement sent = await SentRequests.CaptureAsync(messages);

        Assert.Equal("{}", sent.GetProperty("messages")[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task ToWireMessages_StringFunctionResult_SendsToolMessage()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather")]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "Sunny, 21 C")]),
        ];

        JsonElement sent = await SentRequests.CaptureAsync(messages);

        SentRequests.Equal("""{"role":"tool","tool_call_id":"call_1","content":"Sunny, 21 C"}""", sent.GetProperty("messages")[2]);
    }

    [Fact]
    public async Task ToWireMessages_NonStringFunctionResult_SendsJsonText()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather"), new FunctionCallContent("call_2", "count")]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", new Dictionary<string, object?> { ["city"] = "Paris", ["temp"] = 21 }), new FunctionResultContent("call_2", 42)]),
        ];

        JsonElement sent = await SentRequests.CaptureAsync(messages);

        JsonElement first = sent.GetProperty("messages")[2];
        JsonElement second = sent.GetProperty("messages")[3];
        Assert.Equal("tool", first.GetProperty("role").GetString());
        Assert.Equal("call_1", first.GetProperty("tool_call_id").GetString());
        Assert.Equal("""{"city":"Paris","temp":21}""", first.GetProperty("content").GetString());
        SentRequests.Equal("""{"role":"tool","tool_call_id":"call_2","content":"42"}""", second);
    }

    [Fact]
    public async Task ToWireMessages_ToolLoop_RoundTripsExactly()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "Sunny")]),
            new(ChatRole.Assistant, "It is sunny in Paris."),
            new(ChatRole.User, "Thanks!"),
        ];
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        await client.GetResponseAsync(messages);

        Assert.Equal(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[""" +
            """{"role":"user","content":"Weather in Paris?"},""" +
            """{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\u0022city\u0022:\u0022Paris\u0022}"}}]},""" +
            """{"role":"tool","content":"Sunny","tool_call_id":"call_1"},""" +
            """{"role":"assistant","content":"It is sunny in Paris."},""" +
            """{"role":"user","content":"Thanks!"}]}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task ToWireMessages_ToolCallReplyFedBack_SendsToolCallAsReceived()
    {
        const string Arguments = """{"city":"Zürich","days":3,"units":{"temp":"C"}}""";
        var handler = new RecordingHandler()
            .ReplyJson(Canned.ToolCallCompletion(("call_9", "get_weather", Arguments)))
            .ReplyJson(Canned.Completion("Cold."));
        using DeepInfraChatClient client = TestClients.Create(handler);
        List<ChatMessage> history = [new(ChatRole.User, "Weather?")];

        ChatResponse first = await client.GetResponseAsync(history);
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_9", "2 C")]));
        await client.GetResponseAsync(history);

        JsonElement messages = handler.Requests[1].Json.GetProperty("messages");
        SentRequests.Equal(
            """{"role":"assistant","tool_calls":[{"id":"call_9","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Zürich\",\"days\":3,\"units\":{\"temp\":\"C\"}}"}}]}""",
            messages[1]);
        Assert.Equal(Arguments, messages[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        SentRequests.Equal("""{"role":"tool","tool_call_id":"call_9","content":"2 C"}""", messages[2]);
    }

    [Fact]
    public async Task ToWireMessages_AssistantTextWithFunctionCall_SendsBoth()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant, [new TextContent("Let me check."), new FunctionCallContent("call_1", "get_weather")]),
        ];

        JsonElement sent = await SentRequests.CaptureAsync(messages);

        SentRequests.Equal(
            """{"role":"assistant","content":"Let me check.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}""",
            sent.GetProperty("messages")[1]);
    }

    [Fact]
    public async Task ToWireMessages_ReasoningAndUsageInHistory_NotSent()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "2+2?"),
            new(ChatRole.Assistant, [new TextReasoningContent("Adding..."), new TextContent("4"), new UsageContent(new UsageDetails { TotalTokenCount = 3 })]),
            new(ChatRole.User, "Sure?"),
        ];

        JsonElement sent = await SentRequests.CaptureAsync(messages);

        SentRequests.Equal("""{"role":"assistant","content":"4"}""", sent.GetProperty("messages")[1]);
    }

    private sealed class CustomContent : AIContent;
}
