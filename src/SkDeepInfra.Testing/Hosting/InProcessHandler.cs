using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using SkDeepInfra.Testing.Core;

namespace SkDeepInfra.Testing.Hosting;

/// <summary>
/// The in-process transport: runs the core against an <see cref="InProcessChannel"/> in the background and returns
/// the response as soon as it starts, so streams arrive event by event, delays and cuts included. No sockets.
/// </summary>
internal sealed class InProcessHandler(EmulatorCore core) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string body = request.Content is null
            ? string.Empty
            : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = new List<KeyValuePair<string, string>>();
        AddHeaders(headers, request.Headers);
        if (request.Content is not null)
        {
            AddHeaders(headers, request.Content.Headers);
        }

        string path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString ?? "/";
        var incoming = new IncomingRequest(request.Method.Method, path, headers, body);
        var channel = new InProcessChannel(request, cancellationToken);
        _ = Task.Run(() => RunAsync(incoming, channel), CancellationToken.None);
        return await channel.Response.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddHeaders(List<KeyValuePair<string, string>> target, HttpHeaders source)
    {
        foreach (KeyValuePair<string, IEnumerable<string>> header in source)
        {
            target.Add(new KeyValuePair<string, string>(header.Key, string.Join(", ", header.Value)));
        }
    }

    private async Task RunAsync(IncomingRequest incoming, InProcessChannel channel)
    {
        Exception? failure = null;
        try
        {
            await core.HandleAsync(incoming, channel).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            channel.Complete(failure);
            channel.Dispose();
        }
    }
}
