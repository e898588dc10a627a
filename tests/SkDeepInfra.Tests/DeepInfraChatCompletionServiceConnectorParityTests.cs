using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Moq;
using OpenAIFormat = OpenAI.Chat.ChatResponseFormat;
using OpenAIReasoningEffort = OpenAI.Chat.ChatReasoningEffortLevel;
using SkFunctionCallContent = Microsoft.SemanticKernel.FunctionCallContent;
using SkFunctionResultContent = Microsoft.SemanticKernel.FunctionResultContent;
using static SkDeepInfra.TestSupport.SkScenarios;

namespace SkDeepInfra;

/// <summary>
/// Scenarios of Semantic Kernel's own OpenAI connector tests (OpenAIChatCompletionServiceTests, AutoFunctionInvocationFilterTests,
/// ClientCoreTests), replayed against DeepInfra's service: the same requests and the same objects back.
/// </summary>
public sealed class DeepInfraChatCompletionServiceConnectorParityTests
{
    private const string ParisCall = """{"city":"Paris","days":3}""";

    [Fact]
    public async Task GetChatMessageContentsAsync_HistoryWithPluginFunctionCall_SendsPluginQualifiedNameMatchingTheOfferedTool()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Sunny."));
        var history = new ChatHistory();
        history.AddUserMessage("Weather in Paris?");
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [new SkFunctionCallContent("get_weather", "weather", "call_1", new KernelArguments { ["city"] = "Paris" })]));
        history.Add(new ChatMessageContent(AuthorRole.Tool, [new SkFunctionResultContent("get_weather", "weather", "call_1", "Sunny")]));

        await TestServices.Create(handler).GetChatMessageContentsAsync(history, Auto(autoInvoke: false), WeatherKernel());

        JsonElement body = handler.Requests[0].Json;
        string sent = body.GetProperty("messages")[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString()!;
        Assert.Equal("weather-get_weather", sent);
        Assert.Equal(sent, Assert.Single(body.GetProperty("tools").EnumerateArray()).GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_UnparsableArguments_FunctionCallCarriesException()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.ToolCallCompletion(("call_1", "weather-get_weather", "{not json")));

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(autoInvoke: false), WeatherKernel()));

        SkFunctionCallContent call = Assert.Single(result.Items.OfType<SkFunctionCallContent>());
        Assert.NotNull(call.Exception);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetChatMessageContentsAsync_RetainArgumentTypes_DecidesBetweenStringsAndJson(bool retain)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.ToolCallCompletion(("call_1", "weather-get_weather", ParisCall)));
        var settings = new DeepInfraPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false, options: new FunctionChoiceBehaviorOptions { RetainArgumentTypes = retain }),
        };

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings, WeatherKernel()));

        object? days = Assert.Single(result.Items.OfType<SkFunctionCallContent>()).Arguments!["days"];
        if (retain)
        {
            Assert.Equal(3, Assert.IsType<JsonElement>(days).GetInt32());
        }
        else
        {
            Assert.Equal("3", Assert.IsType<string>(days));
        }
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_OpenAISettingsWithReasoningEffortLevel_SendsItsValue()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), new OpenAIPromptExecutionSettings { ReasoningEffort = OpenAIReasoningEffort.Low });

        Assert.Equal("low", handler.Requests[0].Json.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_OpenAISettingsWithTypeResponseFormat_KeepsEveryTypedSetting()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("{}"));
        var settings = new OpenAIPromptExecutionSettings { ResponseFormat = typeof(Person), Temperature = 0.3, MaxTokens = 50, StopSequences = ["END"] };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        JsonElement body = handler.Requests[0].Json;
        Assert.Equal(0.3, body.GetProperty("temperature").GetDouble());
        Assert.Equal(50, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("""["END"]""", body.GetProperty("stop").GetRawText());
        Assert.Equal(nameof(Person), body.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_OpenAIResponseFormatObjects_SendTheirFormat()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("{}")).ReplyJson(Canned.Completion("{}")).ReplyJson(Canned.Completion("{}"));
        DeepInfraChatCompletionService service = TestServices.Create(handler);
        var schema = BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}""");

        await service.GetChatMessageContentsAsync(History(), new OpenAIPromptExecutionSettings { ResponseFormat = OpenAIFormat.CreateJsonObjectFormat() });
        await service.GetChatMessageContentsAsync(History(), new OpenAIPromptExecutionSettings { ResponseFormat = OpenAIFormat.CreateTextFormat() });
        await service.GetChatMessageContentsAsync(History(), new OpenAIPromptExecutionSettings { ResponseFormat = OpenAIFormat.CreateJsonSchemaFormat("place", schema) });

        Assert.Equal("json_object", handler.Requests[0].Json.GetProperty("response_format").GetProperty("type").GetString());
        Assert.False(handler.Requests[1].Json.TryGetProperty("response_format", out _));
        JsonElement named = handler.Requests[2].Json.GetProperty("response_format").GetProperty("json_schema");
        Assert.Equal("place", named.GetProperty("name").GetString());
        Assert.Equal("string", named.GetProperty("schema").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_OpenAISettingsExtraBody_SendsItsKeys()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
#pragma warning disable SKEXP0010 // ExtraBody
        var settings = new OpenAIPromptExecutionSettings { ExtraBody = new Dictionary<string, object?> { ["chat_template_kwargs"] = new Dictionary<string, object?> { ["enable_thinking"] = false } } };
#pragma warning restore SKEXP0010

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal("""{"enable_thinking":false}""", handler.Requests[0].Json.GetProperty("chat_template_kwargs").GetRawText());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_OpenAISettingWithoutDeepInfraEquivalent_ThrowsNamingItBeforeSending()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new OpenAIPromptExecutionSettings { TokenSelectionBiases = new Dictionary<int, int> { [42] = 1 } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings));

        Assert.Contains("TokenSelectionBiases", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(typeof(TestStruct<string>), "TestStructString")]
    [InlineData(typeof(TestStruct?), "TestStruct")]
    public async Task GetChatMessageContentsAsync_ClrTypeResponseFormat_UsesSemanticKernelsNameAndThePropertyNames(Type type, string name)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("{}"));

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), new DeepInfraPromptExecutionSettings { ResponseFormat = type });

        JsonElement named = handler.Requests[0].Json.GetProperty("response_format").GetProperty("json_schema");
        Assert.Equal(name, named.GetProperty("name").GetString());
        Assert.True(named.GetProperty("schema").GetProperty("properties").TryGetProperty("TextProperty", out _));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ImageContentToolResult_TellsTheModelImagesAreNotSupported()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var history = new ChatHistory();
        history.AddUserMessage("Draw it.");
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [new SkFunctionCallContent("draw", "art", "call_1")]));
        history.Add(new ChatMessageContent(AuthorRole.Tool, [new SkFunctionResultContent("draw", "art", "call_1", new ImageContent(new byte[] { 1, 2, 3 }, "image/png"))]));

        await TestServices.Create(handler).GetChatMessageContentsAsync(history);

        JsonElement tool = handler.Requests[0].Json.GetProperty("messages")[2];
        Assert.Equal("Error: This model does not support image content in tool results.", tool.GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ReasoningFromTheClient_IsReasoningContent()
    {
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("thinking"), new Microsoft.Extensions.AI.TextContent("Paris.")])));

        ChatMessageContent result = Assert.Single(await new DeepInfraChatCompletionService(client.Object).GetChatMessageContentsAsync(History()));

#pragma warning disable SKEXP0110
        Assert.Equal("thinking", Assert.Single(result.Items.OfType<ReasoningContent>()).Text);
#pragma warning restore SKEXP0110
        Assert.Equal("Paris.", result.Content);
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_ReasoningFromTheClient_IsStreamingReasoningContent()
    {
        var client = new Mock<IChatClient>();
        ChatResponseUpdate[] updates = [new(ChatRole.Assistant, [new TextReasoningContent("thinking")]), new(ChatRole.Assistant, "Paris.")];
        client.Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(updates.ToAsyncEnumerable());

        List<StreamingChatMessageContent> result = await TestServices.CollectAsync(new DeepInfraChatCompletionService(client.Object).GetStreamingChatMessageContentsAsync(History()));

#pragma warning disable SKEXP0110
        Assert.Equal("thinking", Assert.Single(result[0].Items.OfType<StreamingReasoningContent>()).Text);
#pragma warning restore SKEXP0110
        Assert.Equal("Paris.", result[1].Content);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ManyResultsInOneToolMessage_SendsOneToolMessageEach()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var history = new ChatHistory();
        history.AddUserMessage("Weather in Paris and Rome?");
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [
            new SkFunctionCallContent("get_weather", "weather", "call_1", new KernelArguments { ["city"] = "Paris" }),
            new SkFunctionCallContent("get_weather", "weather", "call_2", new KernelArguments { ["city"] = "Rome" })]));
        history.Add(new ChatMessageContent(AuthorRole.Tool, [
            new SkFunctionResultContent("get_weather", "weather", "call_1", "Sunny"),
            new SkFunctionResultContent("get_weather", "weather", "call_2", "Rainy")]));

        await TestServices.Create(handler).GetChatMessageContentsAsync(history);

        JsonElement[] messages = [.. handler.Requests[0].Json.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["user", "assistant", "tool", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["call_1", "call_2"], messages.Skip(2).Select(m => m.GetProperty("tool_call_id").GetString()));
        Assert.Equal(["Sunny", "Rainy"], messages.Skip(2).Select(m => m.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_OpenAISettingsChatSystemPrompt_SendsItFirstWhenTheHistoryHasNone()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion()).ReplyJson(Canned.Completion());
        DeepInfraChatCompletionService service = TestServices.Create(handler);
        var settings = new OpenAIPromptExecutionSettings { ChatSystemPrompt = "Be brief." };
        var withSystem = new ChatHistory("Answer in French.");
        withSystem.AddUserMessage("Hi");

        await service.GetChatMessageContentsAsync(History(), settings);
        await service.GetChatMessageContentsAsync(withSystem, settings);

        Assert.Equal("""{"role":"system","content":"Be brief."}""", handler.Requests[0].Json.GetProperty("messages")[0].GetRawText());
        Assert.Equal("""{"role":"system","content":"Answer in French."}""", handler.Requests[1].Json.GetProperty("messages")[0].GetRawText());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_FunctionNameWithDisallowedCharacters_IsSanitized()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var history = new ChatHistory();
        history.AddUserMessage("Hi");
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [new SkFunctionCallContent("get.weather", "my plugin", "call_1")]));
        history.Add(new ChatMessageContent(AuthorRole.Tool, [new SkFunctionResultContent("get.weather", "my plugin", "call_1", "Sunny")]));

        await TestServices.Create(handler).GetChatMessageContentsAsync(history);

        Assert.Equal("my_plugin-get_weather", handler.Requests[0].Json.GetProperty("messages")[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_UserTextAndImage_SendsContentParts()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var history = new ChatHistory();
        history.Add(new ChatMessageContent(AuthorRole.User, [
            new Microsoft.SemanticKernel.TextContent("What is this?"),
            new ImageContent(new Uri("https://example.test/cat.png")) { MimeType = "image/png" }]));

        await TestServices.Create(handler).GetChatMessageContentsAsync(history);

        JsonElement parts = handler.Requests[0].Json.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("text", parts[0].GetProperty("type").GetString());
        Assert.Equal("image_url", parts[1].GetProperty("type").GetString());
        Assert.Contains("https://example.test/cat.png", parts[1].GetRawText(), StringComparison.Ordinal);
    }

    private sealed record Person(string Name, int Age);

    private struct TestStruct
    {
        public string TextProperty { get; set; }
    }

    private struct TestStruct<T>
    {
        public T TextProperty { get; set; }
    }
}
