using System.Net.Http.Headers;
using System.Text;

namespace SkDeepInfra.Reliability;

/// <summary>The bugs the fuzzer and the fault injection found, one small case each, so they stay fixed.</summary>
public sealed class FuzzRegressionTests
{
    [Fact]
    public async Task GetStreamingResponseAsync_WhiteSpaceFinishReason_ReadAsNoFinishReasonNotArgumentException()
    {
        var handler = new RecordingHandler().ReplySse(Canned.Sse([Canned.Chunk("Hi"), Canned.Chunk(finishReason: " "), Canned.Chunk(finishReason: "stop")]));
        using DeepInfraChatClient client = TestClients.Create(handler);

        (string text, List<ChatResponseUpdate> updates, Exception? error) = await Loopback.StreamAsync(client, "q");

        Assert.Null(error);
        Assert.Equal("Hi", text);
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_WhiteSpaceFinishReason_ReadAsNoFinishReasonNotArgumentException()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Hi", finishReason: "\\t"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("q");

        Assert.Equal("Hi", response.Text);
        Assert.Null(response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorFrameWithInvalidUtf8_ThrowsDeepInfraExceptionNotInvalidOperation()
    {
        byte[] frame = [.. "data: {\"error\":{\"message\":\"bad "u8, 0xC3, 0x28, .. "\"}}\n\n"u8];
        var handler = new RecordingHandler().Reply(_ => Sse(frame));
        using DeepInfraChatClient client = TestClients.Create(handler);

        (_, _, Exception? error) = await Loopback.StreamAsync(client, "q");

        Assert.IsType<DeepInfraException>(error);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"lone \ud800 surrogate"}""")]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"detail":[{"loc":["body","\udc00"],"msg":"bad"}]}""")]
    [InlineData(HttpStatusCode.OK, """{"error":{"message":"lone \ud800 surrogate","code":503}}""")]
    public async Task GetResponseAsync_ErrorTextWithLoneSurrogateEscape_ThrowsDeepInfraExceptionNotInvalidOperation(HttpStatusCode status, string body)
    {
        var handler = new RecordingHandler().ReplyJson(body, status);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 0);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("q"));

        Assert.Equal(status == HttpStatusCode.OK ? HttpStatusCode.ServiceUnavailable : status, error.StatusCode);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CutAfterFinishChunk_CompletesWithWholeText()
    {
        byte[] body = Encoding.UTF8.GetBytes(Canned.Sse([Canned.Chunk("Whole"), Canned.Chunk(" answer"), Canned.Chunk(finishReason: "stop")], done: false));
        var handler = new RecordingHandler().Reply(_ => Sse(new FuzzBodyStream(body, null, 4096, body.Length, _ => { })));
        using DeepInfraChatClient client = TestClients.Create(handler);

        (string text, List<ChatResponseUpdate> updates, Exception? error) = await Loopback.StreamAsync(client, "q");

        Assert.Null(error);
        Assert.Equal("Whole answer", text);
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TransportThrowsIOExceptionOnCancellation_SurfacesOperationCanceled()
    {
        var body = new IOExceptionOnCancelStream("data: " + Canned.Chunk("first") + "\n\n");
        var handler = new RecordingHandler().Reply(_ => Sse(body));
        using DeepInfraChatClient client = TestClients.Create(handler);
        using var cts = new CancellationTokenSource();

        Exception? error = await Record.ExceptionAsync(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q", cancellationToken: cts.Token))
            {
                await cts.CancelAsync();
            }
        });

        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    private static HttpResponseMessage Sse(byte[] body) => Sse(new MemoryStream(body));

    private static HttpResponseMessage Sse(Stream body) =>
        new(HttpStatusCode.OK) { Content = new StreamContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/event-stream") } } };

    /// <summary>Serves some bytes, then waits; on cancellation fails with an IOException, as some transports do.</summary>
    private sealed class IOExceptionOnCancelStream(string first) : Stream
    {
        private readonly byte[] _first = Encoding.UTF8.GetBytes(first);
        private bool _served;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_served)
            {
                _served = true;
                _first.CopyTo(buffer);
                return _first.Length;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException ex)
            {
                throw new IOException("The connection was aborted.", ex);
            }

            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
