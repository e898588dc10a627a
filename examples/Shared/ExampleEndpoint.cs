using SkDeepInfra.Testing;

namespace SkDeepInfra.Examples;

/// <summary>
/// Where an example sends its requests: DeepInfra when <c>DEEPINFRA_TOKEN</c> is set, otherwise the built-in emulator on
/// a loopback port, scripted by the example. Everything else in the example runs the same either way.
/// </summary>
public sealed class ExampleEndpoint : IAsyncDisposable
{
    public const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    private ExampleEndpoint(DeepInfraEmulator? emulator) => Emulator = emulator;

    /// <summary>The emulator when offline; <see langword="null"/> when talking to DeepInfra.</summary>
    public DeepInfraEmulator? Emulator { get; }

    public bool IsOffline => Emulator is not null;

    /// <summary>Client options for the chosen endpoint (the key comes from DEEPINFRA_TOKEN when online).</summary>
    public DeepInfraClientOptions Options => new() { Endpoint = Emulator?.Endpoint ?? DeepInfraClientOptions.DefaultEndpoint };

    /// <summary>The base address, for APIs that take a URI.</summary>
    public Uri Uri => Options.Endpoint;

    /// <summary>Picks the endpoint and prints it as the first line of output.</summary>
    /// <param name="script">Scripts the emulator's replies; called only when offline.</param>
    public static async Task<ExampleEndpoint> StartAsync(Action<DeepInfraEmulator> script)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DeepInfraClientOptions.ApiKeyEnvironmentVariable)))
        {
            Console.WriteLine($"Online: talking to DeepInfra at {DeepInfraClientOptions.DefaultEndpoint}");
            return new ExampleEndpoint(null);
        }

        var emulator = new DeepInfraEmulator();
        script(emulator);
        await emulator.StartAsync();
        Console.WriteLine($"Offline: DEEPINFRA_TOKEN is not set, so the built-in DeepInfra emulator answers at {emulator.Endpoint}");
        return new ExampleEndpoint(emulator);
    }

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
