using Microsoft.SemanticKernel;
using SkFunctionCallContent = Microsoft.SemanticKernel.FunctionCallContent;

namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class ChatContentMapperTests
{
    [Fact]
    public void ToStreamingContent_CompleteCall_FunctionCallContentBuilderBuildsThePluginFunction()
    {
        var update = new ChatResponseUpdate(ChatRole.Assistant, [ChatResponseMapper.ToFunctionCall("call_1", "weather-get_weather", """{"city":"Paris"}""")]);

        StreamingChatMessageContent content = ChatContentMapper.ToStreamingContent(update, Canned.Model, requestIndex: 2, metadata: null);
        var builder = new FunctionCallContentBuilder();
        builder.Append(content);

        StreamingFunctionCallUpdateContent streamed = Assert.IsType<StreamingFunctionCallUpdateContent>(Assert.Single(content.Items));
        Assert.Equal(2, streamed.RequestIndex);
        SkFunctionCallContent call = Assert.Single(builder.Build());
        Assert.Equal("weather", call.PluginName);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("call_1", call.Id);
        Assert.Equal("Paris", call.Arguments!["city"]?.ToString());
    }

    [Fact]
    public void ToStreamingContent_UnparsableCall_StreamsTheArgumentsAsWritten()
    {
        var update = new ChatResponseUpdate(ChatRole.Assistant, [ChatResponseMapper.ToFunctionCall("call_1", "get_weather", "{broken")]);

        StreamingChatMessageContent content = ChatContentMapper.ToStreamingContent(update, Canned.Model, requestIndex: 0, metadata: null);

        Assert.Equal("{broken", Assert.IsType<StreamingFunctionCallUpdateContent>(Assert.Single(content.Items)).Arguments);
    }

    [Fact]
    public void ToChatMessageContent_Reply_KeepsOrderModelAndMetadata()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("hmm"), new Microsoft.Extensions.AI.TextContent("Paris.")]) { AuthorName = "bot" });
        var metadata = new Dictionary<string, object?> { ["k"] = 1 };

        ChatMessageContent content = ChatContentMapper.ToChatMessageContent(response, Canned.Model, retainArgumentTypes: false, metadata);

#pragma warning disable SKEXP0110
        Assert.IsType<ReasoningContent>(content.Items[0]);
#pragma warning restore SKEXP0110
        Assert.Equal("Paris.", content.Content);
        Assert.Equal(Canned.Model, content.ModelId);
        Assert.Equal("bot", content.AuthorName);
        Assert.Same(response, content.InnerContent);
        Assert.Same(metadata, content.Metadata);
    }
}
