using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkFunctionCallContent = Microsoft.SemanticKernel.FunctionCallContent;
using SkFunctionResultContent = Microsoft.SemanticKernel.FunctionResultContent;

namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class ChatHistoryMapperTests
{
    [Theory]
    [InlineData("get_weather", "weather", "weather-get_weather")]
    [InlineData("get_weather", null, "get_weather")]
    [InlineData("get_weather", "", "get_weather")]
    public void FullyQualifiedName_PluginAndFunction_JoinsWithDash(string function, string? plugin, string expected) =>
        Assert.Equal(expected, ChatHistoryMapper.FullyQualifiedName(function, plugin));

    [Theory]
    [InlineData("weather-get_weather", "get_weather", "weather")]
    [InlineData("get_weather", "get_weather", null)]
    [InlineData("-x", "-x", null)]
    [InlineData("x-", "x-", null)]
    public void ParseName_ToolName_SplitsAtTheFirstDash(string name, string function, string? plugin) =>
        Assert.Equal((function, plugin), ChatHistoryMapper.ParseName(name));

    [Fact]
    public void ToChatMessages_SystemPromptAndNoSystemMessage_AddsItFirst()
    {
        var history = new ChatHistory();
        history.AddUserMessage("Hi");

        List<ChatMessage> messages = ChatHistoryMapper.ToChatMessages(history, "Be brief.");

        Assert.Equal([ChatRole.System, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal("Be brief.", messages[0].Text);
    }

    [Fact]
    public void ToChatMessages_SystemPromptAndADeveloperMessage_KeepsTheHistorysOwn()
    {
        var history = new ChatHistory();
        history.AddDeveloperMessage("Answer in French.");
        history.AddUserMessage("Hi");

        List<ChatMessage> messages = ChatHistoryMapper.ToChatMessages(history, "Be brief.");

        Assert.Equal([ChatRole.System, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal("Answer in French.", messages[0].Text);
    }

    [Fact]
    public void ToChatMessages_CallTheModelMade_GoesBackAsWritten()
    {
        Microsoft.Extensions.AI.FunctionCallContent original = ChatResponseMapper.ToFunctionCall("call_1", "weather-get_weather", "{broken");
        var history = new ChatHistory();
        history.AddUserMessage("Hi");
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [ChatContentMapper.ToFunctionCall(original, retainArgumentTypes: true)]));

        List<ChatMessage> messages = ChatHistoryMapper.ToChatMessages(history, null);

        Assert.Same(original, Assert.Single(messages[1].Contents));
    }

    [Fact]
    public void ToChatMessages_CallWithoutId_IsLeftOut()
    {
        var history = new ChatHistory();
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [new SkFunctionCallContent("get_weather", "weather"), new Microsoft.SemanticKernel.TextContent("Checking.")]));

        ChatMessage message = Assert.Single(ChatHistoryMapper.ToChatMessages(history, null));

        Assert.IsType<Microsoft.Extensions.AI.TextContent>(Assert.Single(message.Contents));
    }

    [Fact]
    public void ToChatMessages_TextToolMessageWithToolIdMetadata_BecomesAResult()
    {
        var history = new ChatHistory();
        history.Add(new ChatMessageContent(AuthorRole.Tool, "Sunny", metadata: new Dictionary<string, object?> { ["ChatCompletionsToolCall.Id"] = "call_1" }));

        Microsoft.Extensions.AI.FunctionResultContent result = Assert.IsType<Microsoft.Extensions.AI.FunctionResultContent>(Assert.Single(Assert.Single(ChatHistoryMapper.ToChatMessages(history, null)).Contents));

        Assert.Equal("call_1", result.CallId);
        Assert.Equal("Sunny", result.Result);
    }

    [Fact]
    public void ToChatMessages_ToolMessageWithoutResult_ThrowsNotSupported()
    {
        var history = new ChatHistory();
        history.Add(new ChatMessageContent(AuthorRole.Tool, "Sunny"));

        Assert.Throws<NotSupportedException>(() => ChatHistoryMapper.ToChatMessages(history, null));
    }

    [Fact]
    public void ToChatMessages_UnsupportedContent_ThrowsNamingIt()
    {
        var history = new ChatHistory();
        history.Add(new ChatMessageContent(AuthorRole.User, [new AudioContent(new byte[] { 1 }, "audio/wav")]));

        var ex = Assert.Throws<NotSupportedException>(() => ChatHistoryMapper.ToChatMessages(history, null));

        Assert.Contains(nameof(AudioContent), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToResultText_Values_AsSemanticKernelsConnectorWritesThem()
    {
        Assert.Equal("Error: Exception while invoking function. boom", ChatHistoryMapper.ToResultText(new InvalidOperationException("boom")));
        Assert.Equal(ChatHistoryMapper.ImageResultError, ChatHistoryMapper.ToResultText(new ImageContent(new Uri("https://example.test/a.png"))));
        Assert.Equal("a,b", ChatHistoryMapper.ToResultText(new[] { new ChatMessageContent(AuthorRole.Assistant, "a"), new ChatMessageContent(AuthorRole.Assistant, "b") }));
        Assert.Equal("""{"city":"Paris"}""", ChatHistoryMapper.ToResultText(new Dictionary<string, string> { ["city"] = "Paris" }));
        Assert.Equal(string.Empty, ChatHistoryMapper.ToResultText(null));
    }

    [Fact]
    public void ToChatMessages_FunctionResultInToolMessage_SendsItsTextAndCallId()
    {
        var history = new ChatHistory();
        history.Add(new ChatMessageContent(AuthorRole.Tool, [new SkFunctionResultContent("get_weather", "weather", "call_1", 21)]));

        Microsoft.Extensions.AI.FunctionResultContent result = Assert.IsType<Microsoft.Extensions.AI.FunctionResultContent>(Assert.Single(Assert.Single(ChatHistoryMapper.ToChatMessages(history, null)).Contents));

        Assert.Equal("call_1", result.CallId);
        Assert.Equal("21", result.Result);
    }
}
