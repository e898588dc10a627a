using System;
using System.Net.Http;

namespace SkDeepInfra.Internal;

/// <summary>
/// The client used when the caller supplies none: one per process, over pooled connections that are recycled
/// every two minutes so DNS changes are seen. Never disposed. Its timeout is ten minutes, for long generations;
/// pass a <see cref="System.Threading.CancellationToken"/> for anything shorter.
/// </summary>
internal static class SharedHttpClient
{
    public static HttpClient Instance { get; } = Create();

    private static HttpClient Create()
    {
#if NET
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
#else
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
        };
#endif
        return new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromMinutes(10) };
    }
}
