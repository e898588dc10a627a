using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SkDeepInfra.Benchmarks.Contenders;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>
/// Workload 4: the 500-chunk stream over real loopback HTTP from Kestrel (one write and flush per event), at
/// concurrency 1 and 64. Each operation is one request: Req/s is throughput, CPU/op the client's CPU per request.
/// </summary>
[ShortJob]
[Config(typeof(Columns))]
public class LoopbackStreamingBenchmarks
{
    /// <summary>Four requests per caller at concurrency 64, so the end of a burst (callers finishing at different times) weighs little.</summary>
    private const int RequestsPerInvocation = 256;

    private readonly ChatWorkload _workload = ChatWorkload.SimpleChat();
    private LoopbackServer? _ownServer;
    private HttpClient _http = null!;
    private Contenders.Contenders _c = null!;

    [Params(1, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Uri endpoint;
        if (Environment.GetEnvironmentVariable(LoopbackServer.EndpointVariable) is { Length: > 0 } address)
        {
            endpoint = new Uri(address);
        }
        else
        {
            // Run without the host (e.g. in-process): the server shares this process and its CPU.
            _ownServer = await LoopbackServer.StartAsync(ChatPayloads.Stream);
            endpoint = _ownServer.Endpoint;
        }

        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        _c = new Contenders.Contenders(_http, endpoint);
        await AnswerChecks.StreamingAsync(_c, _workload);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        if (_ownServer is not null)
        {
            await _ownServer.DisposeAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = RequestsPerInvocation)]
    public Task DeepInfraChatClient() => RunAsync(() => StreamingCalls.ReadAsync(_c.DeepInfraChatClient, _workload));

    [Benchmark(OperationsPerInvoke = RequestsPerInvocation)]
    public Task MeaiOpenAIChatClient() => RunAsync(() => StreamingCalls.ReadAsync(_c.MeaiOpenAIChatClient, _workload));

    [Benchmark(OperationsPerInvoke = RequestsPerInvocation)]
    public Task DeepInfraChatCompletionService() => RunAsync(() => StreamingCalls.ReadAsync(_c.DeepInfraChatCompletionService, _workload, _workload.DeepInfraSettings));

    [Benchmark(OperationsPerInvoke = RequestsPerInvocation)]
    public Task SkOpenAIChatCompletionService() => RunAsync(() => StreamingCalls.ReadAsync(_c.SkOpenAIChatCompletionService, _workload, _workload.OpenAISettings));

    [Benchmark(OperationsPerInvoke = RequestsPerInvocation)]
    public Task Floor() => RunAsync(() => StreamingCalls.ReadAsync(_c.Floor, _workload));

    /// <summary><see cref="Concurrency"/> callers share <see cref="RequestsPerInvocation"/> requests.</summary>
    private Task RunAsync(Func<Task<int>> call)
    {
        int next = 0;
        var callers = new Task[Concurrency];
        for (int i = 0; i < callers.Length; i++)
        {
            callers[i] = Caller();
        }

        return Task.WhenAll(callers);

        async Task Caller()
        {
            await Task.Yield();
            while (Interlocked.Increment(ref next) <= RequestsPerInvocation)
            {
                await call();
            }
        }
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(RequestsPerSecondColumn.Instance);
    }
}
