using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Agents.Orleans.Benchmarks;

/// <summary>
/// 64 concurrent turns, each the first turn of a new conversation (one model call, answered by the in-process emulator):
/// through <see cref="IDeepInfraAgentCluster"/> on a three-silo in-process cluster (grain activation, storage write,
/// spend reservation and settlement, a concurrency lease), against the same agent, over the same client, run directly.
/// Per-turn latency at concurrency 64 is about one operation; turns per second are 64 over its time.
/// </summary>
/// <remarks>
/// Runs in the host process (in-process toolchain): the benchmark's own build would have to reconcile the Roslyn versions
/// of BenchmarkDotNet and the Orleans code generator again. One launch, 6 warm-up and 9 measured iterations of ~250 ms.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class ConversationTurnBenchmarks
{
    private const int Concurrency = 64;
    private const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    private DeepInfraEmulator _emulator = null!;
    private HttpClient _http = null!;
    private ChatClientAgent _direct = null!;
    private InProcessTestCluster _cluster = null!;
    private IDeepInfraAgentCluster _agents = null!;
    private long _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = new DeepInfraEmulator();
        _http = _emulator.CreateHttpClient();
        var chatClient = new DeepInfraChatClient(Model, new DeepInfraClientOptions { Endpoint = _emulator.Endpoint, MaxRetries = 0 }, _http);
        _direct = chatClient.AsDeepInfraToolAgent("You are a concise assistant.");

        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddDeepInfraAgents());
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<IChatClient>(chatClient);
            host.Services.AddDeepInfraAgent("bench", (_, client) => client.AsDeepInfraToolAgent("You are a concise assistant."));
        });
        builder.ConfigureClient(client => client.AddDeepInfraAgentsClient());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _agents = _cluster.Client.ServiceProvider.GetRequiredService<IDeepInfraAgentCluster>();

        // Both paths answer the same, before anything is timed.
        string direct = (await _direct.RunAsync("ping", await _direct.CreateSessionAsync())).Text;
        string clustered = (await _agents.SendAsync("bench", "check", "bench", "ping")).Text;
        if (direct != "You said: ping" || clustered != direct)
        {
            throw new InvalidOperationException($"The paths disagree: '{direct}' / '{clustered}'.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _cluster.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Agent in process")]
    public Task DirectAgent() => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        await _direct.RunAsync("Hello there", await _direct.CreateSessionAsync())));

    [Benchmark(Description = "Through the 3-silo cluster")]
    public Task ThroughCluster() => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ =>
        _agents.SendAsync("bench", "c" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture), "bench", "Hello there")));
}

/// <summary>The short job, in process.</summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig() =>
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(6)
            .WithIterationCount(9)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("ShortInProcess"));
}
