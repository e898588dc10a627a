using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;

namespace SkDeepInfra.TestSupport;

/// <summary>A request as the handler saw it: method, address, headers and the body text.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, HttpRequestHeaders Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Authorization => Headers.Authorization?.ToString();
}

/// <summary>
/// Records every request and answers from a queue of canned replies (the last one repeats), so tests assert on the
/// JSON that was sent and the objects that came back. No sockets.
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, HttpResponseMessage>> _replies = new();
    private Func<RecordedRequest, HttpResponseMessage>? _last;

    public List<RecordedRequest> Requests { get; } = [];

    public RecordingHandler Reply(Func<RecordedRequest, HttpResponseMessage> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public RecordingHandler ReplyJson(string json, HttpStatusCode status = HttpStatusCode.OK, Action<HttpResponseMessage>? configure = null) =>
        Reply(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return response;
        });

    public RecordingHandler ReplyText(string text, string mediaType, HttpStatusCode status = HttpStatusCode.OK) =>
        Reply(_ => new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) });

    public RecordingHandler ReplySse(string sse) => ReplyText(sse, "text/event-stream");

    public RecordingHandler Throw(Exception exception) => Reply(_ => throw exception);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers, body);
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        if (_replies.TryDequeue(out Func<RecordedRequest, HttpResponseMessage>? reply))
        {
            _last = reply;
        }

        return (reply ?? _last ?? throw new InvalidOperationException("No reply scripted."))(recorded);
    }
}
