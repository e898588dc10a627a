using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorRecordingTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task Requests_EveryRequest_IsRecordedInOrderWithParsedBody(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        string streaming = EmulatorHarness.StreamBody("first", includeUsage: true, extra: "\"temperature\":0.5");
        string rejected = EmulatorHarness.Body("second", "\"top_p\":0");
        const string malformed = "{not json";

        using (HttpResponseMessage response = await harness.PostAsync(streaming))
        using (HttpResponseMessage refused = await harness.PostAsync(rejected))
        using (HttpResponseMessage broken = await harness.PostAsync(malformed))
        {
            Assert.Equal(422, (int)refused.StatusCode);
        }

        EmulatorRequest[] requests = [.. harness.Emulator.Requests];
        Assert.Equal(3, requests.Length);
        EmulatorRequest first = requests[0];
        Assert.Equal("POST", first.Method);
        Assert.Equal("/v1/openai/chat/completions", first.Path);
        Assert.Equal(streaming, first.Body);
        Assert.Equal(EmulatorHarness.Model, first.Model);
        Assert.True(first.IsStreaming);
        Assert.True(first.IncludeUsage);
        Assert.Equal("first", first.LastUserText);
        Assert.Single(first.Messages);
        Assert.Empty(first.Tools);
        Assert.True(first.TryGetProperty("temperature", out JsonElement temperature));
        Assert.Equal(0.5, temperature.GetDouble());
        Assert.StartsWith("application/json", first.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("second", requests[1].LastUserText);
        Assert.False(requests[1].IsStreaming);
        Assert.Equal(malformed, requests[2].Body);
        Assert.Equal(JsonValueKind.Undefined, requests[2].Json.ValueKind);
        Assert.Null(requests[2].Model);
        Assert.Same(requests[2], harness.Emulator.LastRequest);
    }

    [Fact]
    public async Task Requests_ConcurrentCalls_AreAllAnsweredAndRecorded()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(Transport.Loopback);
        using HttpClient inProcess = harness.Emulator.CreateHttpClient();
        harness.Emulator.Responder = request => EmulatorReply.Text("re: " + request.LastUserText);

        string[] answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            HttpClient client = i % 2 == 0 ? harness.Client : inProcess;
            using var content = new StringContent(EmulatorHarness.Body("n" + i), System.Text.Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await client.PostAsync(new Uri("chat/completions", UriKind.Relative), content);
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return DeepInfraEmulatorReplyTests.Content(body.RootElement)!;
        }));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => "re: n" + i), answers);
        Assert.Equal(40, harness.Emulator.Requests.Count);
    }

    [Fact]
    public async Task Reset_ClearsRequestsAndScript()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("a"), EmulatorReply.Text("b"));
        using (await harness.PostAsync(EmulatorHarness.Body()))
        {
        }

        harness.Emulator.Reset();

        Assert.Empty(harness.Emulator.Requests);
        Assert.Null(harness.Emulator.LastRequest);
        Assert.Equal(0, harness.Emulator.PendingReplies);
    }

    [Fact]
    public async Task Endpoint_BeforeAndAfterStart_PointsInProcessThenAtLoopback()
    {
        await using var emulator = new DeepInfraEmulator();
        Assert.Equal(new Uri("http://deepinfra.emulator/v1/openai/"), emulator.Endpoint);
        using (HttpClient client = emulator.CreateHttpClient())
        {
            Assert.Equal(emulator.Endpoint, client.BaseAddress);
        }

        await emulator.StartAsync();

        Assert.Equal("127.0.0.1", emulator.Endpoint.Host);
        Assert.NotEqual(80, emulator.Endpoint.Port);
        Assert.Equal("/v1/openai/", emulator.Endpoint.AbsolutePath);
        await Assert.ThrowsAsync<InvalidOperationException>(() => emulator.StartAsync());
    }

    [Fact]
    public async Task DisposeAsync_WithStreamInFlight_EndsItAndStopsTheServer()
    {
        var emulator = new DeepInfraEmulator();
        await emulator.StartAsync();
        emulator.Enqueue(EmulatorReply.Text("abcdefgh").WithChunkDelay(TimeSpan.FromSeconds(30)));
        using var client = new HttpClient { BaseAddress = emulator.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = new StringContent(EmulatorHarness.StreamBody(), System.Text.Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Task reading = response.Content.ReadAsStringAsync();
        await emulator.DisposeAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => reading);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => emulator.StartAsync());
    }
}
