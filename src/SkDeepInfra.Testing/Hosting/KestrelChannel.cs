using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SkDeepInfra.Testing.Hosting;

/// <summary>An <see cref="IResponseChannel"/> over a Kestrel <see cref="HttpContext"/>; a cut aborts the connection.</summary>
internal sealed class KestrelChannel(HttpContext context) : IResponseChannel
{
    private static readonly TimeSpan DrainTime = TimeSpan.FromMilliseconds(50);

    public CancellationToken Aborted => context.RequestAborted;

    public void SetStatus(int statusCode) => context.Response.StatusCode = statusCode;

    public void SetHeader(string name, string value)
    {
        if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentLength = long.Parse(value, CultureInfo.InvariantCulture);
        }
        else
        {
            context.Response.Headers.Append(name, value);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => context.Response.StartAsync(cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Aborts the connection. Kestrel drops output still queued for the socket when it aborts, so the bytes already
    /// flushed get a moment to leave first; otherwise the client would not even see the status line.
    /// </summary>
    public async Task AbortAsync()
    {
        await Task.Delay(DrainTime).ConfigureAwait(false);
        context.Abort();
    }
}
