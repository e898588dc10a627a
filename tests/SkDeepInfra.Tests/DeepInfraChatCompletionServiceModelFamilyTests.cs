using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SkDeepInfra;

/// <summary>The Semantic Kernel facade over replies of other model families: end markers gone, inline reasoning out of the text.</summary>
public sealed class DeepInfraChatCompletionServiceModelFamilyTests
{
    [Fact]
    public async Task GetChatMessageContentsAsync_QwenReply_NoEndMarkerAndProseKept()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("In ChatML <|im_end|> ends a turn.<|im_end|>"));

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler, model: "Qwen/Qwen2.5-72B-Instruct").GetChatMessageContentsAsync(History()));

        Assert.Equal("In ChatML <|im_end|> ends a turn.", result.Content);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_InlineThink_AnswerAndReasoningContent()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("<think>Greeting.</think>\n\nHello!"));

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler, model: "Qwen/QwQ-32B").GetChatMessageContentsAsync(History()));

        Assert.Equal("Hello!", result.Content);
        Assert.DoesNotContain(result.Items.OfType<Microsoft.SemanticKernel.TextContent>(), t => t.Text!.Contains("Greeting", StringComparison.Ordinal));
        Assert.Equal("Greeting.", Assert.Single(result.Items.OfType<ReasoningContent>()).Text);
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_InlineThinkSplit_AnswerAndStreamingReasoningWithoutMarker()
    {
        var handler = new RecordingHandler().ReplySse(TestServices.TextStream(Canned.DefaultUsage, "<thi", "nk>Greet", "ing.</th", "ink>Hel", "lo!<｜end▁of▁sentence｜>"));

        List<StreamingChatMessageContent> updates = await TestServices.CollectAsync(
            TestServices.Create(handler, model: "deepseek-ai/DeepSeek-R1").GetStreamingChatMessageContentsAsync(History()));

        Assert.Equal("Hello!", string.Concat(updates.Select(u => u.Content)));
        Assert.Equal("Greeting.", string.Concat(updates.SelectMany(u => u.Items).OfType<StreamingReasoningContent>().Select(r => r.Text)));
    }

    private static ChatHistory History()
    {
        var history = new ChatHistory();
        history.AddUserMessage("Hello!");
        return history;
    }
}
