using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SkDeepInfra.Testing.Core;

namespace SkDeepInfra.Testing.Hosting;

/// <summary>The loopback transport: a bare Kestrel on 127.0.0.1 and an ephemeral port that hands every request to the core.</summary>
internal sealed class KestrelHost(WebApplication app, Uri endpoint) : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public Uri Endpoint { get; } = endpoint;

    public static async Task<KestrelHost> StartAsync(EmulatorCore core, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        WebApplication app = builder.Build();
        app.Run(context => HandleAsync(context, core));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        int port = new Uri(addresses.First()).Port;
        return new KestrelHost(app, new Uri($"http://127.0.0.1:{port}/v1/openai/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        await app.StopAsync(timeout.Token).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, EmulatorCore core)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var headers = context.Request.Headers
            .Select(header => new KeyValuePair<string, string>(header.Key, header.Value.ToString()))
            .ToList();
        string path = context.Request.PathBase.Add(context.Request.Path).Value ?? "/";
        var incoming = new IncomingRequest(context.Request.Method, path, headers, body);
        try
        {
            await core.HandleAsync(incoming, new KestrelChannel(context)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the emulator is shutting down: end the exchange as a broken connection.
            context.Abort();
        }
    }
}
