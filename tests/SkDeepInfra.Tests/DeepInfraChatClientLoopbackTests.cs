using System.Diagnostics;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra.Testing;

namespace SkDeepInfra;

/// <summary>The client over real HTTP: Kestrel on 127.0.0.1 serving DeepInfra's protocol through the emulator.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.")]
public sealed class DeepInfraChatClientLoopbackTests : IAsyncLifetime
{
    private const string Key = "loopback-key-91c4";
    private readonly DeepInfraEmulator _emulator = new(new DeepInfraEmulatorOptions { ApiKey = Key });

    public Task InitializeAsync() => _emulator.StartAsync();

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    [Fact]
    public async Task GetStreamingResponseAsync_Loopback_StreamsWithQuirksRemoved()
    {
        _emulator.Enqueue(EmulatorReply.Text("Bonjour from Kestrel").WithChunkSize(3));
        using DeepInfraChatClient client = CreateClient();

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("Say hello").ToListAsync();

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal("Bonjour from Kestrel", response.Text);
        Assert.True(updates.Count > 5);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage!.TotalTokenCount > 0);
        Assert.IsType<double>(response.Messages[0].AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]);
        EmulatorRequest sent = Assert.Single(_emulator.Requests);
        Assert.True(sent.IsStreaming);
        Assert.True(sent.IncludeUsage);
    }

    [Fact]
    public async Task GetResponseAsync_Loopback_ToolCallsRoundTripThroughFunctionInvocation()
    {
        _emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("add", """{"a":2,"b":3}""")), EmulatorReply.Text("2 + 3 = 5"));
        using IChatClient client = CreateClient().AsBuilder().UseFunctionInvocation().Build();
        AIFunction add = AIFunctionFactory.Create((int a, int b) => a + b, "add");

        ChatResponse response = await client.GetResponseAsync("What is 2 + 3?", new ChatOptions { Tools = [add] });

        Assert.Equal("2 + 3 = 5", response.Text);
        Assert.Equal(2, _emulator.Requests.Count);
        JsonElement toolMessage = _emulator.Requests[1].Messages[^1];
        Assert.Equal("tool", toolMessage.GetProperty("role").GetString());
        Assert.Equal("5", toolMessage.GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_LoopbackRateLimitedWithRetryAfter_RetriesAfterTheServersDelay()
    {
        _emulator.Enqueue(EmulatorReply.RateLimited(TimeSpan.FromSeconds(1)), EmulatorReply.Text("after the wait"));
        using DeepInfraChatClient client = CreateClient();
        var delays = new List<TimeSpan>();
        client.Pipeline.Delay = (delay, token) =>
        {
            delays.Add(delay);
            return Task.CompletedTask;
        };

        ChatResponse response = await client.GetResponseAsync("q");

        Assert.Equal("after the wait", response.Text);
        Assert.Equal([TimeSpan.FromSeconds(1)], delays);
        Assert.Equal(2, _emulator.Requests.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_LoopbackConnectionCut_ThrowsAfterDeliveredTextAndDoesNotRetry()
    {
        _emulator.Enqueue(EmulatorReply.Text("one two three four five six").WithChunkSize(4).WithConnectionCut(afterEvents: 3));
        using DeepInfraChatClient client = CreateClient();
        var received = new List<string>();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
            {
                received.Add(update.Text);
            }
        });

        // A reset may drop bytes the server had already written; what did arrive is a prefix of the reply.
        Assert.StartsWith(string.Concat(received), "one two three four five six", StringComparison.Ordinal);
        Assert.Contains("ended early", error.Message, StringComparison.Ordinal);
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_LoopbackErrorFrame_ThrowsWithProviderMessage()
    {
        _emulator.Enqueue(EmulatorReply.Text("partial answer here").WithChunkSize(4).WithErrorFrame(afterChunks: 2));
        using DeepInfraChatClient client = CreateClient();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());

        Assert.False(string.IsNullOrEmpty(error.ProviderMessage));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_LoopbackStalledStreamCancelled_ThrowsOperationCanceledQuickly()
    {
        _emulator.Enqueue(EmulatorReply.Text("slow words arrive one by one").WithChunkSize(5).WithChunkDelay(TimeSpan.FromSeconds(30)));
        using DeepInfraChatClient client = CreateClient();
        using var cts = new CancellationTokenSource();
        var stopwatch = new Stopwatch();

        Exception error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q", cancellationToken: cts.Token))
            {
                stopwatch.Start();
                cts.Cancel();
            }
        });

        stopwatch.Stop();
        Assert.IsNotType<DeepInfraException>(error);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task GetResponseAsync_LoopbackWrongKey_ThrowsUnauthorizedWithProviderMessageAndNoKey()
    {
        var options = new DeepInfraClientOptions { ApiKey = "wrong-key-7731", Endpoint = _emulator.Endpoint, MaxRetries = 0 };
        using var client = new DeepInfraChatClient(Canned.Model, options);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("q"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.ProviderMessage));
        Assert.DoesNotContain("wrong-key-7731", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_LoopbackConversationOutOfOrder_ServerAnswers422WithFieldPath()
    {
        using DeepInfraChatClient client = CreateClient();
        IEnumerable<ChatMessage> conversation = [new(ChatRole.Assistant, "I speak first"), new(ChatRole.Assistant, "twice")];

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync(conversation));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Contains("body.messages", error.ProviderMessage, StringComparison.Ordinal);
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task ChatCompletionService_LoopbackStreaming_CarriesUsageFinishReasonAndCost()
    {
        _emulator.Enqueue(EmulatorReply.Text("Semantic Kernel over Kestrel").WithChunkSize(5));
        var service = new DeepInfraChatCompletionService(Canned.Model, new DeepInfraClientOptions { ApiKey = Key, Endpoint = _emulator.Endpoint });
        var history = new ChatHistory();
        history.AddUserMessage("hi");
        var updates = new List<StreamingChatMessageContent>();

        await foreach (StreamingChatMessageContent update in service.GetStreamingChatMessageContentsAsync(history))
        {
            updates.Add(update);
        }

        Assert.Equal("Semantic Kernel over Kestrel", string.Concat(updates.Select(u => u.Content)));
        Assert.Contains(updates, u => u.Metadata?[DeepInfraMetadataKeys.FinishReason] as string == "stop");
        StreamingChatMessageContent usage = Assert.Single(updates, u => u.Metadata?.ContainsKey(DeepInfraMetadataKeys.Usage) == true);
        Assert.IsType<UsageDetails>(usage.Metadata![DeepInfraMetadataKeys.Usage]);
        Assert.IsType<double>(usage.Metadata[DeepInfraMetadataKeys.EstimatedCost]);
    }

    private DeepInfraChatClient CreateClient() =>
        new(Canned.Model, new DeepInfraClientOptions { ApiKey = Key, Endpoint = _emulator.Endpoint });
}
