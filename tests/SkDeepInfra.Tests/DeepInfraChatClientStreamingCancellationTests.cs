using System.Net.Http.Headers;
using System.Text;

namespace SkDeepInfra;

/// <summary>Cancellation is observed per stream event, also where events yield no update (tool-call fragments).</summary>
public sealed class DeepInfraChatClientStreamingCancellationTests
{
    private const int Fragments = 200;
    private const int CancelAfterEvent = 5;

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledDuringToolCallFragments_ThrowsOperationCanceledPromptly()
    {
        using var cts = new CancellationTokenSource();
        var body = new EventPerReadStream(ToolCallStream(), afterEvent: CancelAfterEvent, cts.Cancel);
        var handler = new RecordingHandler().Reply(_ => StreamResponse(body));
        using DeepInfraChatClient client = TestClients.Create(handler);
        var received = new List<ChatResponseUpdate>();

        Exception error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q", cancellationToken: cts.Token))
            {
                received.Add(update);
            }
        });

        Assert.IsNotType<DeepInfraException>(error);
        Assert.Null(error.InnerException as DeepInfraException);
        Assert.Empty(received); // fragments yield nothing until the call is complete
        Assert.InRange(body.EventsRead, CancelAfterEvent, CancelAfterEvent + 2); // not read on to the end
    }

    /// <summary>One tool call whose arguments arrive in <see cref="Fragments"/> pieces, then the finish chunk and [DONE].</summary>
    private static List<string> ToolCallStream()
    {
        var events = new List<string>
        {
            Canned.Chunk(extraDelta: ToolCalls("""[{"index":0,"id":"call_1","type":"function","function":{"name":"lookup","arguments":""}}]""")),
        };
        events.Add(Canned.Chunk(extraDelta: ToolCalls("""[{"index":0,"function":{"arguments":"{\"q\":\""}}]""")));
        for (int i = 0; i < Fragments; i++)
        {
            events.Add(Canned.Chunk(extraDelta: ToolCalls("""[{"index":0,"function":{"arguments":"x"}}]""")));
        }

        events.Add(Canned.Chunk(extraDelta: ToolCalls("""[{"index":0,"function":{"arguments":"\"}"}}]""")));
        events.Add(Canned.Chunk(finishReason: "tool_calls"));
        return events;
    }

    private static string ToolCalls(string fragments) => "\"tool_calls\":" + fragments;

    private static HttpResponseMessage StreamResponse(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>
    /// Serves one SSE event per read, as fast as asked and ignoring the token (data already buffered by a transport), and
    /// runs <c>onEvent</c> once the given event has been handed out. (A <see cref="MemoryStream"/> only for its plumbing.)
    /// </summary>
    private sealed class EventPerReadStream(List<string> payloads, int afterEvent, Action onEvent) : MemoryStream
    {
        private readonly Queue<byte[]> _events = new(payloads.Select(p => Encoding.UTF8.GetBytes("data: " + p + "\n\n")).Append(Encoding.UTF8.GetBytes("data: [DONE]\n\n")));
        private byte[] _current = [];
        private int _offset;

        public int EventsRead { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            if (_offset == _current.Length)
            {
                if (!_events.TryDequeue(out byte[]? next))
                {
                    return 0;
                }

                (_current, _offset) = (next, 0);
                if (++EventsRead == afterEvent)
                {
                    onEvent();
                }
            }

            int n = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
