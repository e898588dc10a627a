using System.Globalization;
using System.Text;
using SkDeepInfra.Testing;
using Xunit.Abstractions;

namespace SkDeepInfra.Reliability;

/// <summary>
/// Faults over loopback (Kestrel through the emulator, or a scripted raw server): connections cut at every event
/// boundary and in the middle of every event, in-band error frames at every position, slow drip-feeding servers, and
/// kept-alive connections the server closes between requests.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.")]
public sealed class StreamFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Text = "one two three four five";
    private readonly DeepInfraEmulator _emulator = new(new DeepInfraEmulatorOptions { ApiKey = Loopback.Key });

    public Task InitializeAsync() => _emulator.StartAsync();

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    /// <summary>
    /// The emulator's own events, served by the scripted server so the cut is exact: Kestrel's abort can drop bytes it had
    /// already accepted, while a FIN after the last chunk delivers everything before it. The client sees what it sees
    /// when a server or proxy dies: a chunked body that ends without its last chunk.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetStreamingResponseAsync_CutAtEveryEventBoundaryAndMidEvent_ErrorUntilFinishChunkThenComplete(bool usageOnFinishChunk)
    {
        var quirks = new EmulatorStreamQuirks { UsageOnFinishChunk = usageOnFinishChunk };
        List<string> events = await Loopback.EmulatorEventsAsync(EmulatorReply.Text(Text).WithChunkSize(4).WithQuirks(quirks));
        int finish = events.FindIndex(e => e.Contains("\"finish_reason\":\"stop\"", StringComparison.Ordinal));
        int usage = events.FindIndex(e => e.Contains("\"usage\":{", StringComparison.Ordinal));
        await using var server = new ScriptedServer(async exchange =>
        {
            string[] parts = JsonDocument.Parse(exchange.Body).RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!.Split(' ');
            int afterEvents = int.Parse(parts[1], CultureInfo.InvariantCulture);
            await exchange.WriteHeadAsync(200, "text/event-stream", null);
            for (int i = 0; i < Math.Min(afterEvents, events.Count); i++)
            {
                await exchange.WriteChunkAsync(events[i] + "\n\n");
            }

            if (parts[2] == "mid" && afterEvents < events.Count)
            {
                byte[] next = Encoding.UTF8.GetBytes(events[afterEvents] + "\n\n");
                await exchange.WriteChunkAsync(next.AsMemory(0, next.Length / 2));
            }

            exchange.Close();
        });
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxRetries: 3);

        var cases = Enumerable.Range(0, events.Count + 1).SelectMany(k => new[] { (k, false), (k, true) }).ToList();
        var results = await Task.WhenAll(cases.Select(async c =>
            (Case: c, Result: await Loopback.StreamAsync(client, $"cut {c.Item1} {(c.Item2 ? "mid" : "whole")}"))));

        foreach (((int afterEvents, bool mid), (string text, List<ChatResponseUpdate> updates, Exception? error)) in results)
        {
            string name = $"cut after {afterEvents} of {events.Count} events{(mid ? " and half of the next" : "")}";
            if (afterEvents > finish)
            {
                Assert.True(error is null, $"{name}: the finish chunk had arrived, yet {error}");
                Assert.Equal(Text, text);
                Assert.Equal(ChatFinishReason.Stop, updates.Last(u => u.FinishReason is not null).FinishReason);
                Assert.Equal(afterEvents > usage, updates.Any(u => u.Contents.OfType<UsageContent>().Any()));
            }
            else
            {
                DeepInfraException ex = Assert.IsType<DeepInfraException>(error);
                Assert.Contains("ended early", ex.Message, StringComparison.Ordinal);
                Assert.StartsWith(text, Text, StringComparison.Ordinal);
            }
        }

        // Once the response has started, a cut is never retried.
        Assert.Equal(cases.Count, server.Requests);
        output.WriteLine($"{cases.Count} cuts over {events.Count} events (finish chunk at {finish}, usage at {usage}): " +
            $"{results.Count(r => r.Result.Error is null)} complete, {results.Count(r => r.Result.Error is not null)} DeepInfraException");
    }

    [Fact]
    public async Task GetResponseAsync_CutHalfWayThroughBody_ThrowsDeepInfraExceptionWithoutRetry()
    {
        await using var server = new ScriptedServer(async exchange =>
        {
            byte[] body = Encoding.UTF8.GetBytes(Canned.Completion(Text));
            await exchange.WriteHeadAsync(200, "application/json", body.Length);
            await exchange.WriteAsync(body.AsMemory(0, body.Length / 2));
            exchange.Close();
        });
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxRetries: 3);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("q"));

        Assert.Contains("connection closed while the reply was being read", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorFrameAtEveryPosition_ThrowsProviderMessageAfterEarlierTextWithoutRetry()
    {
        EmulatorReply reply = EmulatorReply.Text(Text).WithChunkSize(4);
        int count = (await Loopback.EmulatorEventsAsync(reply)).Count - 1; // without [DONE]
        _emulator.Responder = request => reply.WithErrorFrame(
            int.Parse(request.LastUserText!, CultureInfo.InvariantCulture),
            """{"error":{"message":"The model crashed","type":"server_error","code":503}}""");
        using DeepInfraChatClient client = Loopback.CreateClient(_emulator.Endpoint, maxRetries: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, count + 1).Select(k => Loopback.StreamAsync(client, k.ToString(CultureInfo.InvariantCulture))));

        foreach ((string text, _, Exception? error) in results)
        {
            DeepInfraException ex = Assert.IsType<DeepInfraException>(error);
            Assert.Equal("The model crashed", ex.ProviderMessage);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
            Assert.StartsWith(text, Text, StringComparison.Ordinal);
        }

        Assert.Equal(count + 1, _emulator.Requests.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorEventType_ThrowsWithTheFramesMessage()
    {
        await using var server = new ScriptedServer(async exchange =>
        {
            await exchange.WriteHeadAsync(200, "text/event-stream", null);
            await exchange.WriteChunkAsync("data: " + Canned.Chunk("partial") + "\n\n");
            await exchange.WriteChunkAsync("event: error\ndata: {\"message\":\"upstream timeout\",\"code\":504}\n\n");
            await exchange.EndChunksAsync();
        });
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxRetries: 3);

        (string text, _, Exception? error) = await Loopback.StreamAsync(client, "q");

        DeepInfraException ex = Assert.IsType<DeepInfraException>(error);
        Assert.Equal("upstream timeout", ex.ProviderMessage);
        Assert.Equal("partial", text);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SlowEmulatorOneCharacterPerEvent_DeliversEveryUpdateInOrder()
    {
        _emulator.Enqueue(EmulatorReply.Text(Text).WithChunkSize(1).WithChunkDelay(TimeSpan.FromMilliseconds(3)));
        using DeepInfraChatClient client = Loopback.CreateClient(_emulator.Endpoint);
        var arrivals = new List<TimeSpan>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var received = new StringBuilder();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
        {
            received.Append(update.Text);
            arrivals.Add(clock.Elapsed);
        }

        Assert.Equal(Text, received.ToString());
        Assert.True(arrivals.Count >= Text.Length);
        TimeSpan spread = arrivals[^1] - arrivals[0];
        Assert.True(spread > TimeSpan.FromMilliseconds(40), $"all updates came within {spread}: not streamed as the events arrived");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetStreamingResponseAsync_ServerDripsOneByteAtATime_DeliversExactText(bool chunkedOneBytePerChunk)
    {
        string sse = Canned.Sse([Canned.Chunk("Drip"), Canned.Chunk(", drip é😀"), Canned.Chunk("</"), Canned.Chunk("s>"), Canned.Chunk(finishReason: "stop", usage: Canned.DefaultUsage)]);
        await using var server = new ScriptedServer(exchange => DripAsync(exchange, "text/event-stream", sse, chunkedOneBytePerChunk));
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint);

        (string text, List<ChatResponseUpdate> updates, Exception? error) = await Loopback.StreamAsync(client, "q");

        Assert.Null(error);
        Assert.Equal("Drip, drip é😀", text);
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetResponseAsync_ServerDripsOneByteAtATime_ReturnsReply(bool chunkedOneBytePerChunk)
    {
        await using var server = new ScriptedServer(exchange => DripAsync(exchange, "application/json", Canned.Completion("Slow but whole é😀"), chunkedOneBytePerChunk));
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint);

        ChatResponse response = await client.GetResponseAsync("q");

        Assert.Equal("Slow but whole é😀", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ServerClosesKeepAliveConnectionsBetweenRequests_EveryCallSucceeds(bool streaming)
    {
        await using var server = new ScriptedServer(async exchange =>
        {
            if (streaming)
            {
                await exchange.WriteHeadAsync(200, "text/event-stream", null, "Connection: keep-alive");
                await exchange.WriteChunkAsync(Canned.Sse([Canned.Chunk("call " + exchange.Request), Canned.Chunk(finishReason: "stop")]));
                await exchange.EndChunksAsync();
            }
            else
            {
                await exchange.RespondAsync(200, "application/json", Canned.Completion("call " + exchange.Request), "Connection: keep-alive");
            }

            // The server's idle timeout, at its shortest: the connection is closed once the response is out, though it
            // promised keep-alive. The client finds a dead connection in its pool for the next request.
            exchange.Close();
        });
        var delays = new List<TimeSpan>();
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxRetries: 5, delays: delays);

        for (int i = 1; i <= 5; i++)
        {
            await Task.Delay(50);
            string text = streaming ? (await Loopback.StreamAsync(client, "q")).Text : (await client.GetResponseAsync("q")).Text;
            Assert.StartsWith("call ", text, StringComparison.Ordinal);
        }

        // A request that raced the close, if any, failed before its response started and was retried on a new connection
        // (by us, or by SocketsHttpHandler itself for a reused connection, so the server may count more than 5 + our retries).
        Assert.InRange(server.Requests, 5, 5 + (2 * delays.Count) + 5);
        output.WriteLine($"5 calls over {server.Connections} connections, {delays.Count} retried after racing the server's close");
    }

    [Fact]
    public async Task GetResponseAsync_ServerDropsRequestOnKeptAliveConnection_RetriedOnNewConnection()
    {
        await using var server = new ScriptedServer(async exchange =>
        {
            if (exchange.Request == 2)
            {
                exchange.Close(); // read the request, then closed the connection without answering
                return;
            }

            await exchange.RespondAsync(200, "application/json", Canned.Completion("answer " + exchange.Request));
        });
        var delays = new List<TimeSpan>();
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxRetries: 2, delays: delays);

        ChatResponse first = await client.GetResponseAsync("q");
        ChatResponse second = await client.GetResponseAsync("q");

        Assert.Equal("answer 1", first.Text);
        Assert.Equal("answer 3", second.Text);
        Assert.Equal(3, server.Requests);
        Assert.Equal(2, server.Connections);
        Assert.True(delays.Count <= 1, "at most one retry of ours (SocketsHttpHandler may retry a reused connection itself)");
    }

    [Fact]
    public async Task GetResponseAsync_ConnectionRefused_RetriedThenDeepInfraExceptionWithoutStatus()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more
        var delays = new List<TimeSpan>();
        using DeepInfraChatClient client = Loopback.CreateClient(new Uri($"http://127.0.0.1:{port}/v1/openai/"), maxRetries: 2, delays: delays);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("q"));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, delays.Count);
    }

    private static async Task DripAsync(ServerExchange exchange, string contentType, string body, bool chunked)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        await exchange.WriteHeadAsync(200, contentType, chunked ? null : bytes.Length);
        for (int i = 0; i < bytes.Length; i++)
        {
            if (chunked)
            {
                await exchange.WriteChunkAsync(bytes.AsMemory(i, 1));
            }
            else
            {
                await exchange.WriteAsync(bytes.AsMemory(i, 1));
            }

            if (i % 64 == 0)
            {
                await Task.Delay(1);
            }
        }

        if (chunked)
        {
            await exchange.EndChunksAsync();
        }
    }
}
