using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SkDeepInfra.Agents.Orleans.Redis;

/// <summary>
/// One app instance with a silo inside: <c>examples/10_AgentCluster</c> (built with this test project) in its own process,
/// clustered and stored through Redis, answering HTTP on a free loopback port.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", "key-acme");
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public static async Task<SiloProcess> StartAsync(string redis)
    {
        string dll = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "SkDeepInfra.Agents.Orleans.Tests"), Path.Combine("examples", "10_AgentCluster"), StringComparison.Ordinal), "10_AgentCluster.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The example is not built at {dll}.", dll);
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { dll, "--redis", redis, "--urls", address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("DEEPINFRA_TOKEN");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, address);
        for (int i = 0; i < 300; i++)
        {
            try
            {
                if ((await silo.Http.GetAsync("spend")).IsSuccessStatusCode)
                {
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        await silo.DisposeAsync();
        throw new InvalidOperationException($"The silo process at {address} did not start.");
    }

    /// <summary>Ends the process at once, as SIGKILL does: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
