using Moq;

namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class SemanticKernelMetadataChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_Reply_StampsFinishReasonAndCostOnAssistantMessagesOnly()
    {
        var assistant = new ChatMessage(ChatRole.Assistant, "Hi");
        var tool = new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "r")]);
        var response = new ChatResponse([assistant, tool])
        {
            FinishReason = ChatFinishReason.Stop,
            AdditionalProperties = new() { [DeepInfraPropertyNames.EstimatedCost] = 0.25 },
        };
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>())).ReturnsAsync(response);

        ChatResponse result = await new SemanticKernelMetadataChatClient(inner.Object).GetResponseAsync("Hello");

        Assert.Same(response, result);
        Assert.Equal("stop", assistant.AdditionalProperties![DeepInfraMetadataKeys.FinishReason]);
        Assert.Equal(0.25, assistant.AdditionalProperties[DeepInfraMetadataKeys.EstimatedCost]);
        Assert.Null(tool.AdditionalProperties);
    }

    [Fact]
    public async Task GetResponseAsync_NoCostOrFinishReason_StampsNulls()
    {
        var assistant = new ChatMessage(ChatRole.Assistant, "Hi");
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(assistant));

        await new SemanticKernelMetadataChatClient(inner.Object).GetResponseAsync("Hello");

        Assert.Null(assistant.AdditionalProperties![DeepInfraMetadataKeys.FinishReason]);
        Assert.Null(assistant.AdditionalProperties[DeepInfraMetadataKeys.EstimatedCost]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Updates_StampFinishReasonUsageDetailsAndCost()
    {
        var usage = new UsageDetails { InputTokenCount = 3, OutputTokenCount = 4, TotalTokenCount = 7 };
        ChatResponseUpdate[] updates =
        [
            new(ChatRole.Assistant, "Hi"),
            new(ChatRole.Assistant, []) { FinishReason = ChatFinishReason.Length },
            new(ChatRole.Assistant, [new UsageContent(usage)]) { AdditionalProperties = new() { [DeepInfraPropertyNames.EstimatedCost] = 0.5 } },
        ];
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(updates.ToAsyncEnumerable());

        List<ChatResponseUpdate> result = await TestServices.CollectAsync(new SemanticKernelMetadataChatClient(inner.Object).GetStreamingResponseAsync("Hello"));

        Assert.Equal(3, result.Count);
        Assert.Null(result[0].AdditionalProperties);
        Assert.Equal("length", result[1].AdditionalProperties![DeepInfraMetadataKeys.FinishReason]);
        Assert.Same(usage, result[2].AdditionalProperties![DeepInfraMetadataKeys.Usage]);
        Assert.Equal(0.5, result[2].AdditionalProperties![DeepInfraMetadataKeys.EstimatedCost]);
    }

    [Fact]
    public void ReadCost_NonDoubleOrMissing_ReturnsNull()
    {
        Assert.Null(SemanticKernelMetadataChatClient.ReadCost(null));
        Assert.Null(SemanticKernelMetadataChatClient.ReadCost(new() { [DeepInfraPropertyNames.EstimatedCost] = "0.1" }));
        Assert.Equal(0.1, SemanticKernelMetadataChatClient.ReadCost(new() { [DeepInfraPropertyNames.EstimatedCost] = 0.1 }));
    }
}
