using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// Kestrel on 127.0.0.1 serving the benchmark stream event by event, each event written and flushed on its own as
/// DeepInfra sends tokens. <see cref="Program"/> starts it in the host process, so the benchmark process's CPU time
/// is the client's alone; the address reaches the benchmark process through <see cref="EndpointVariable"/>.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public const string EndpointVariable = "SKDEEPINFRA_BENCH_LOOPBACK";

    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address; requests go to <c>{Endpoint}chat/completions</c>.</summary>
    public Uri Endpoint { get; }

    public static async Task<LoopbackServer> StartAsync(byte[] sse)
    {
        ReadOnlyMemory<byte>[] events = SplitEvents(sse);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "text/event-stream";
            foreach (ReadOnlyMemory<byte> item in events)
            {
                await context.Response.Body.WriteAsync(item, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        await app.StartAsync();
        string address = app.Urls.Single();
        return new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/v1/openai/"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static ReadOnlyMemory<byte>[] SplitEvents(byte[] sse)
    {
        var events = new List<ReadOnlyMemory<byte>>();
        int start = 0;
        while (start < sse.Length)
        {
            int end = sse.AsSpan(start).IndexOf("\n\n"u8);
            int length = end < 0 ? sse.Length - start : end + 2;
            events.Add(sse.AsMemory(start, length));
            start += length;
        }

        return [.. events];
    }
}
