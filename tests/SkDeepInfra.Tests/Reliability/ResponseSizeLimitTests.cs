using System.Text;
using Xunit.Abstractions;

namespace SkDeepInfra.Reliability;

/// <summary>
/// <see cref="DeepInfraClientOptions.MaxResponseBytes"/> and <see cref="DeepInfraClientOptions.MaxStreamEventBytes"/>:
/// a server that sends more than allowed (declared or not, in a body, one stream event, or tool-call fragments) gets a
/// clear <see cref="DeepInfraException"/>, and the client allocates a bounded amount whatever the server offers.
/// Allocation is measured process-wide, so these tests run alone.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ResponseSizeLimitTests(ITestOutputHelper output)
{
    private const int Limit = 1024 * 1024;
    private const long Offered = 256L * 1024 * 1024;

    /// <summary>What the client may allocate while refusing 256 MiB: a few times the limit (buffers, the parser's growth).</summary>
    private const long AllocationBound = 12L * Limit;

    [Fact]
    public void DeepInfraClientOptions_Limits_HaveDefaultsAndValidatedRanges()
    {
        var options = new DeepInfraClientOptions();

        Assert.Equal(16 * 1024 * 1024, options.MaxResponseBytes);
        Assert.Equal(1024 * 1024, options.MaxStreamEventBytes);
        options.MaxResponseBytes = 1024;
        options.MaxStreamEventBytes = int.MaxValue;
        Assert.Equal(1024, options.MaxResponseBytes);
        Assert.Equal(int.MaxValue, options.MaxStreamEventBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxResponseBytes = 1023);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxResponseBytes = (long)int.MaxValue + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxStreamEventBytes = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxStreamEventBytes = -1);
    }

    [Fact]
    public async Task GetResponseAsync_DeclaredLengthOverLimit_RefusedBeforeReading()
    {
        await using var server = new ScriptedServer(exchange => EndlessAsync(exchange, "application/json", Offered, "{\"choices\":[{\"message\":{\"content\":\"", "x"));
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxResponseBytes: Limit);

        (DeepInfraException error, long allocated) = await MeasureAsync(() => client.GetResponseAsync("q"));

        Assert.Contains("of 268435456 bytes (Content-Length) larger than the limit of 1048576 bytes (DeepInfraClientOptions.MaxResponseBytes)", error.Message, StringComparison.Ordinal);
        Report("body with Content-Length 256 MiB", allocated, server);
    }

    [Fact]
    public async Task GetResponseAsync_EndlessChunkedBody_StopsAtLimit()
    {
        await using var server = new ScriptedServer(exchange => EndlessAsync(exchange, "application/json", null, "{\"choices\":[{\"message\":{\"content\":\"", "x"));
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxResponseBytes: Limit);

        (DeepInfraException error, long allocated) = await MeasureAsync(() => client.GetResponseAsync("q"));

        Assert.Contains("a reply body larger than the limit of 1048576 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Report("endless chunked body", allocated, server);
    }

    [Fact]
    public async Task GetResponseAsync_HugeErrorBody_StatusKeptAndBodyCutToLimit()
    {
        await using var server = new ScriptedServer(exchange => EndlessAsync(exchange, "text/html", Offered, "<html>", "<p>overloaded</p>", status: 503));
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxResponseBytes: Limit);

        (DeepInfraException error, long allocated) = await MeasureAsync(() => client.GetResponseAsync("q"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(Limit, error.ResponseContent!.Length);
        Report("503 with a 256 MiB error page", allocated, server);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EventThatNeverEnds_StopsAtEventLimit()
    {
        await using var server = new ScriptedServer(exchange => EndlessAsync(exchange, "text/event-stream", null, "data: " + Canned.Chunk("fine") + "\n\ndata: {\"id\":\"", "y"));
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxStreamEventBytes: 64 * 1024);
        var received = new List<string>();

        (DeepInfraException error, long allocated) = await MeasureAsync(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Contains("a stream event larger than the limit of 65536 bytes (DeepInfraClientOptions.MaxStreamEventBytes)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["fine"], received);
        Report("stream event without end (64 KiB limit)", allocated, server);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EndlessToolCallFragments_StopsAtResponseLimit()
    {
        string head = "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0";
        string start = "data: " + head + ",\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}\n\n";
        string fragment = "data: " + head + ",\"function\":{\"arguments\":\"" + new string('a', 4000) + "\"}}]}}]}\n\n";
        await using var server = new ScriptedServer(exchange => EndlessAsync(exchange, "text/event-stream", null, start, fragment));
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxResponseBytes: Limit);

        (DeepInfraException error, long allocated) = await MeasureAsync(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
            {
            }
        });

        Assert.Contains("tool calls larger than the limit of 1048576 bytes (DeepInfraClientOptions.MaxResponseBytes)", error.Message, StringComparison.Ordinal);
        Report("endless tool-call fragments (1 MiB limit)", allocated, server, AllocationBound * 2);
    }

    [Fact]
    public async Task Call_JustUnderTheLimits_Succeeds()
    {
        string content = new('z', (Limit / 2) - 1024);
        await using var server = new ScriptedServer(exchange => exchange.Body.Contains("\"stream\":true", StringComparison.Ordinal)
            ? exchange.RespondAsync(200, "text/event-stream", Canned.Sse([Canned.Chunk(content), Canned.Chunk(finishReason: "stop")]))
            : exchange.RespondAsync(200, "application/json", Canned.Completion(content + content)));
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint, maxResponseBytes: Limit, maxStreamEventBytes: Limit / 2);

        ChatResponse reply = await client.GetResponseAsync("q");
        (string streamed, _, Exception? error) = await Loopback.StreamAsync(client, "q");

        Assert.Equal(content + content, reply.Text);
        Assert.Null(error);
        Assert.Equal(content, streamed);
    }

    private void Report(string scenario, long allocated, ScriptedServer server, long bound = AllocationBound)
    {
        output.WriteLine($"{scenario}: the server offered {Offered / (1024 * 1024)} MiB and wrote {server.BytesWritten / 1024} KiB before the client left; the client allocated {allocated / 1024} KiB");
        Assert.True(allocated < bound, $"{scenario}: allocated {allocated} bytes, more than {bound}");
    }

    private static async Task<(DeepInfraException Error, long Allocated)> MeasureAsync(Func<Task> call)
    {
        GC.Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(call);
        return (error, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>Sends a prefix, then the unit again and again, up to <see cref="Offered"/> bytes or until the client leaves.</summary>
    private static async Task EndlessAsync(ServerExchange exchange, string contentType, long? declared, string prefix, string unit, int status = 200)
    {
        await exchange.WriteHeadAsync(status, contentType, declared);
        byte[] block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, Math.Max(1, (64 * 1024) / unit.Length))));
        byte[] first = Encoding.UTF8.GetBytes(prefix);
        for (long sent = 0; sent < Offered;)
        {
            ReadOnlyMemory<byte> data = sent == 0 ? first : block;
            if (declared is null)
            {
                await exchange.WriteChunkAsync(data);
            }
            else
            {
                await exchange.WriteAsync(data);
            }

            sent += data.Length;
        }
    }
}
