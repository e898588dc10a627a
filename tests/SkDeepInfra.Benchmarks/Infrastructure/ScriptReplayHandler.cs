using System.Net;
using System.Net.Http.Headers;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// Answers requests from memory with a fixed script of bodies, one after another and round again (a scripted tool run:
/// the same replies for every run), after reading each request body to the end as a socket would.
/// </summary>
internal sealed class ScriptReplayHandler(byte[][] bodies, string mediaType) : HttpMessageHandler
{
    private int _next;

    public static HttpClient Client(byte[][] bodies, string mediaType) => new(new ScriptReplayHandler(bodies, mediaType));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        }

        byte[] body = bodies[_next];
        _next = (_next + 1) % bodies.Length;
        var content = new StreamContent(new ReplayHandler.ForwardOnlyStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentLength = body.Length;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
