using SkDeepInfra.Testing;

namespace SkDeepInfra;

/// <summary>
/// DeepInfra's own in-band error frame, <c>{"error_type":…,"error_message":…}</c>, inside a 200 stream and as a 200 body:
/// recorded replies and the emulator.
/// </summary>
public sealed class DeepInfraChatClientInBandErrorTests
{
    private const string Frame = """{"error_type":"internal_error","error_message":"The model crashed while generating"}""";

    // error_message holding a JSON-stringified OpenAI-style error body, as the Vercel AI SDK's DeepInfra provider reads it.
    private const string StringifiedFrame = """{"error_type":"server_error","error_message":"{\"error\":{\"message\":\"CUDA out of memory\",\"code\":503}}"}""";

    [Fact]
    public async Task GetStreamingResponseAsync_InBandErrorFrameThenDone_ThrowsAfterYieldingEarlierText()
    {
        var handler = new RecordingHandler().ReplySse(Canned.Sse([Canned.Chunk("Hel"), Canned.Chunk("lo"), Frame]));
        using DeepInfraChatClient client = TestClients.Create(handler);
        var received = new List<string>();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(["Hel", "lo"], received);
        Assert.Equal("The model crashed while generating", error.ProviderMessage);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("DeepInfra reported an error inside the response: The model crashed while generating (internal_error).", error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StringifiedErrorMessage_UnwrapsMessageAndCode()
    {
        var handler = new RecordingHandler().ReplySse(Canned.Sse([Canned.Chunk("a"), StringifiedFrame]));
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());

        Assert.Equal("CUDA out of memory", error.ProviderMessage);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("CUDA out of memory (server_error)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InBandErrorAsSseErrorEvent_CarriesMessage()
    {
        string sse = "data: " + Canned.Chunk("a") + "\n\nevent: error\ndata: " + Frame + "\n\ndata: [DONE]\n\n";
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());

        Assert.Equal("The model crashed while generating", error.ProviderMessage);
    }

    [Theory]
    [InlineData(Frame, "The model crashed while generating", HttpStatusCode.OK)]
    [InlineData(StringifiedFrame, "CUDA out of memory", HttpStatusCode.ServiceUnavailable)]
    [InlineData("""{"error_type":"internal_error"}""", "internal_error", HttpStatusCode.OK)]
    public async Task GetResponseAsync_InBandErrorBodyWithStatus200_ThrowsWithProviderMessage(string body, string expected, HttpStatusCode status)
    {
        var handler = new RecordingHandler().ReplyJson(body);
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("q"));

        Assert.Equal(expected, error.ProviderMessage);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(body, error.ResponseContent);
        Assert.Single(handler.Requests); // an in-band error is the reply, not a transient failure: no retry
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InBandErrorEchoingKey_MasksKey()
    {
        string frame = "{\"error_type\":\"auth\",\"error_message\":\"{\\\"error\\\":{\\\"message\\\":\\\"bad key " + TestClients.ApiKey + "\\\"}}\"}";
        var handler = new RecordingHandler().ReplySse(Canned.Sse([Canned.Chunk("a"), frame]));
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());

        Assert.Equal("bad key ***", error.ProviderMessage);
        Assert.DoesNotContain(TestClients.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.ResponseContent ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EmulatorInBandErrorFrame_ThrowsAfterDeliveringEarlierText()
    {
        using var emulator = new DeepInfraEmulator();
        emulator.Enqueue(EmulatorReply.Text("partial answer here").WithChunkSize(4).WithInBandError(2, "internal_error", "The model crashed"));
        using var client = new DeepInfraChatClient(Canned.Model, Options(emulator), emulator.CreateHttpClient());
        var received = new List<string>();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal("partial ", string.Concat(received));
        Assert.Equal("The model crashed", error.ProviderMessage);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task GetResponseAsync_EmulatorInBandErrorBody_Throws()
    {
        using var emulator = new DeepInfraEmulator();
        emulator.Enqueue(EmulatorReply.InBandError("server_error", """{"error":{"message":"Model is overloaded","code":503}}"""));
        using var client = new DeepInfraChatClient(Canned.Model, Options(emulator), emulator.CreateHttpClient());

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("q"));

        Assert.Equal("Model is overloaded", error.ProviderMessage);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    private static DeepInfraClientOptions Options(DeepInfraEmulator emulator) =>
        new() { ApiKey = TestClients.ApiKey, Endpoint = emulator.Endpoint, MaxRetries = 0 };
}
