using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace SkDeepInfra;

/// <summary>The Semantic Kernel facade: replies and their metadata, streaming updates, attributes and errors.</summary>
public sealed class DeepInfraChatCompletionServiceTests
{
    [Fact]
    public async Task GetChatMessageContentsAsync_Reply_ReturnsAssistantMessageWithModelId()
    {
        var handler = new RecordingHandler().ReplyJson(TestData.Read("completion-hello.json"));

        IReadOnlyList<ChatMessageContent> results = await TestServices.Create(handler).GetChatMessageContentsAsync(History("Hello!"));

        ChatMessageContent result = Assert.Single(results);
        Assert.Equal(AuthorRole.Assistant, result.Role);
        Assert.Equal(" Hello! It's nice to meet you. Is there something I can help you with or would you like to chat for a bit?", result.Content);
        Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", result.ModelId);
        Assert.Equal("""{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Hello!"}]}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_Reply_MetadataHasUsageFinishReasonAndEstimatedCost()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Hi there."));

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(History("Hello!")));

        Assert.NotNull(result.Metadata);
        UsageDetails usage = Assert.IsType<UsageDetails>(result.Metadata[DeepInfraMetadataKeys.Usage]);
        Assert.Equal(15, usage.InputTokenCount);
        Assert.Equal(16, usage.OutputTokenCount);
        Assert.Equal(31, usage.TotalTokenCount);
        Assert.Equal("stop", result.Metadata[DeepInfraMetadataKeys.FinishReason]);
        Assert.Equal(0.0000268, Assert.IsType<double>(result.Metadata[DeepInfraMetadataKeys.EstimatedCost]));
        Assert.Equal(Canned.Model, result.ModelId);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_LengthFinish_MetadataFinishReasonIsLength()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Once upon a", finishReason: "length"));

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(History("Tell a story")));

        Assert.Equal("length", result.Metadata![DeepInfraMetadataKeys.FinishReason]);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ReplyWithoutUsage_EstimatedCostIsNull()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Hi", usage: null));

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(History("Hello!")));

        Assert.Null(result.Metadata!.GetValueOrDefault(DeepInfraMetadataKeys.EstimatedCost));
        Assert.Equal("stop", result.Metadata![DeepInfraMetadataKeys.FinishReason]);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_Reply_HistoryIsNotChangedByTheService()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Hi there."));
        ChatHistory history = History("Hello!");

        await TestServices.Create(handler).GetChatMessageContentsAsync(history);

        ChatMessageContent only = Assert.Single(history);
        Assert.Equal("Hello!", only.Content);
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_Stream_TextAndModelId()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));

        List<StreamingChatMessageContent> updates = await TestServices.CollectAsync(TestServices.Create(handler).GetStreamingChatMessageContentsAsync(History("Hello!")));

        Assert.Equal("  Hi!", string.Concat(updates.Select(u => u.Content)));
        Assert.All(updates, u => Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", u.ModelId));
        Assert.All(updates.Where(u => u.Role is not null), u => Assert.Equal(AuthorRole.Assistant, u.Role));
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_UsageInTrailingChunk_UsageUpdateCarriesUsageDetailsAndCost()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-marker-split-usage.sse"));

        List<StreamingChatMessageContent> updates = await TestServices.CollectAsync(TestServices.Create(handler).GetStreamingChatMessageContentsAsync(History("Capital of France?")));

        Assert.Equal("Paris is the capital.", string.Concat(updates.Select(u => u.Content)));
        StreamingChatMessageContent finish = Assert.Single(updates, u => u.Metadata?.ContainsKey(DeepInfraMetadataKeys.FinishReason) == true);
        Assert.Equal("stop", finish.Metadata![DeepInfraMetadataKeys.FinishReason]);
        StreamingChatMessageContent withUsage = Assert.Single(updates, u => u.Metadata?.ContainsKey(DeepInfraMetadataKeys.Usage) == true);
        UsageDetails usage = Assert.IsType<UsageDetails>(withUsage.Metadata![DeepInfraMetadataKeys.Usage]);
        Assert.Equal(12, usage.InputTokenCount);
        Assert.Equal(5, usage.OutputTokenCount);
        Assert.Equal(17, usage.TotalTokenCount);
        Assert.Equal(0.0000017, Assert.IsType<double>(withUsage.Metadata[DeepInfraMetadataKeys.EstimatedCost]));
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_UsageOnFinishChunk_OneUpdateCarriesAllThreeKeys()
    {
        var handler = new RecordingHandler().ReplySse(TestServices.TextStream(Canned.DefaultUsage, "Hi", " there."));

        List<StreamingChatMessageContent> updates = await TestServices.CollectAsync(TestServices.Create(handler).GetStreamingChatMessageContentsAsync(History("Hello!")));

        Assert.Equal("Hi there.", string.Concat(updates.Select(u => u.Content)));
        StreamingChatMessageContent last = Assert.Single(updates, u => u.Metadata?.ContainsKey(DeepInfraMetadataKeys.Usage) == true);
        Assert.Equal("stop", last.Metadata![DeepInfraMetadataKeys.FinishReason]);
        UsageDetails usage = Assert.IsType<UsageDetails>(last.Metadata[DeepInfraMetadataKeys.Usage]);
        Assert.Equal(31, usage.TotalTokenCount);
        Assert.Equal(0.0000268, Assert.IsType<double>(last.Metadata[DeepInfraMetadataKeys.EstimatedCost]));
    }

    [Fact]
    public void Attributes_Service_CarryModelIdAndEndpoint()
    {
        DeepInfraChatCompletionService service = TestServices.Create(new RecordingHandler());

        Assert.Equal(Canned.Model, service.Attributes[AIServiceExtensions.ModelIdKey]);
        Assert.Equal(Canned.Model, service.GetModelId());
        Assert.Equal("https://deepinfra.test/v1/openai/", service.Attributes[AIServiceExtensions.EndpointKey]);
        Assert.IsType<DeepInfraChatClient>(service.ChatClient);
    }

    [Fact]
    public void Constructor_BlankModelId_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new DeepInfraChatCompletionService(" ", new DeepInfraClientOptions { ApiKey = TestClients.ApiKey }));
        Assert.ThrowsAny<ArgumentException>(() => new DeepInfraChatCompletionService(null!, new DeepInfraClientOptions { ApiKey = TestClients.ApiKey }));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_NullHistory_ThrowsArgumentNullException()
    {
        DeepInfraChatCompletionService service = TestServices.Create(new RecordingHandler());

        await Assert.ThrowsAsync<ArgumentNullException>(() => service.GetChatMessageContentsAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => TestServices.CollectAsync(service.GetStreamingChatMessageContentsAsync(null!)));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ServerError_ThrowsDeepInfraExceptionAndKeepsHistory()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":{"message":"Internal failure, try again later"}}""", HttpStatusCode.InternalServerError);
        ChatHistory history = History("Hello!");

        var ex = await Assert.ThrowsAsync<DeepInfraException>(() => TestServices.Create(handler).GetChatMessageContentsAsync(history));

        Assert.IsAssignableFrom<HttpOperationException>(ex);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal("Internal failure, try again later", ex.ProviderMessage);
        Assert.Contains("Internal failure, try again later", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Hello!", Assert.Single(history).Content);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_BadRequest_ThrowsDeepInfraExceptionWithProviderMessage()
    {
        var handler = new RecordingHandler().ReplyJson("""{"detail":"Model is not available"}""", HttpStatusCode.BadRequest);
        ChatHistory history = History("Hello!");

        var ex = await Assert.ThrowsAsync<DeepInfraException>(() => TestServices.Create(handler).GetChatMessageContentsAsync(history));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("Model is not available", ex.ProviderMessage);
        Assert.Equal("""{"detail":"Model is not available"}""", ex.ResponseContent);
        Assert.Equal("Hello!", Assert.Single(history).Content);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_BadRequest_ThrowsDeepInfraExceptionAndKeepsHistory()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":"max_tokens is too large"}""", HttpStatusCode.BadRequest);
        ChatHistory history = History("Hello!");

        var ex = await Assert.ThrowsAsync<DeepInfraException>(() => TestServices.CollectAsync(TestServices.Create(handler).GetStreamingChatMessageContentsAsync(history)));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("max_tokens is too large", ex.ProviderMessage);
        Assert.Equal("Hello!", Assert.Single(history).Content);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ServerErrorWithRetries_RetriesThenThrowsDeepInfraException()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":{"message":"Overloaded"}}""", HttpStatusCode.ServiceUnavailable);

        var ex = await Assert.ThrowsAsync<DeepInfraException>(() => TestServices.Create(handler, maxRetries: 2).GetChatMessageContentsAsync(History("Hello!")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(3, handler.Requests.Count);
    }

    private static ChatHistory History(string user)
    {
        var history = new ChatHistory();
        history.AddUserMessage(user);
        return history;
    }
}
