using BenchmarkDotNet.Attributes;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>
/// Workload 5: time from the first SSE event's arrival to the first update the caller sees. Each iteration's setup
/// sends the request and leaves the client waiting on its first read; the measured operation delivers the first
/// event and awaits the first update. One operation per iteration, many iterations.
/// </summary>
[OneShotJob]
public class FirstUpdateBenchmarks
{
    private static readonly string s_firstText = ChatPayloads.StreamedText[..4];

    private readonly ChatWorkload _workload = ChatWorkload.SimpleChat();
    private FirstEventGate _gate = null!;
    private Contenders.Contenders _c = null!;
    private ValueTask<bool> _first;
    private Func<string?> _firstText = null!;
    private Func<Task> _finish = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (byte[] first, byte[] remainder) = ChatPayloads.StreamSplitAfterFirstEvent();
        _gate = new FirstEventGate(first, remainder);
        _c = new Contenders.Contenders(new HttpClient(_gate), new Uri("https://api.deepinfra.com/v1/openai/"));
        Action[] starts = [StartDeepInfraChatClient, StartMeaiOpenAIChatClient, StartDeepInfraChatCompletionService, StartSkOpenAIChatCompletionService, StartFloor];
        foreach (Action start in starts)
        {
            start();
            _gate.Release();
            if (!await _first || _firstText() != s_firstText)
            {
                throw new InvalidOperationException($"{start.Method.Name}: the first update is '{_firstText()}', expected '{s_firstText}'.");
            }

            await _finish();
        }

        // One operation per iteration is too few calls for tiered compilation to finish: run every path for two
        // seconds first, so the measured iterations see the code an application sees after its first requests.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(2))
        {
            foreach (Action start in starts)
            {
                start();
                _gate.Release();
                await _first;
                await _finish();
            }
        }
    }

    [IterationSetup(Target = nameof(DeepInfraChatClient))]
    public void StartDeepInfraChatClient() => Start(_c.DeepInfraChatClient.GetStreamingResponseAsync(_workload.Messages, _workload.Options), u => u.Text);

    [IterationSetup(Target = nameof(MeaiOpenAIChatClient))]
    public void StartMeaiOpenAIChatClient() => Start(_c.MeaiOpenAIChatClient.GetStreamingResponseAsync(_workload.Messages, _workload.Options), u => u.Text);

    [IterationSetup(Target = nameof(DeepInfraChatCompletionService))]
    public void StartDeepInfraChatCompletionService() =>
        Start(_c.DeepInfraChatCompletionService.GetStreamingChatMessageContentsAsync(_workload.History, _workload.DeepInfraSettings, _workload.Kernel), u => u.Content);

    [IterationSetup(Target = nameof(SkOpenAIChatCompletionService))]
    public void StartSkOpenAIChatCompletionService() =>
        Start(_c.SkOpenAIChatCompletionService.GetStreamingChatMessageContentsAsync(_workload.History, _workload.OpenAISettings, _workload.Kernel), u => u.Content);

    [IterationSetup(Target = nameof(Floor))]
    public void StartFloor() => Start(_c.Floor.StreamAsync(_workload.FloorStreamRequest), d => d.Text);

    [IterationCleanup]
    public void Finish() => _finish().GetAwaiter().GetResult();

    [Benchmark]
    public ValueTask<bool> DeepInfraChatClient() => FirstUpdate();

    [Benchmark]
    public ValueTask<bool> MeaiOpenAIChatClient() => FirstUpdate();

    [Benchmark]
    public ValueTask<bool> DeepInfraChatCompletionService() => FirstUpdate();

    [Benchmark]
    public ValueTask<bool> SkOpenAIChatCompletionService() => FirstUpdate();

    [Benchmark]
    public ValueTask<bool> Floor() => FirstUpdate();

    private ValueTask<bool> FirstUpdate()
    {
        _gate.Release();
        return _first;
    }

    private void Start<T>(IAsyncEnumerable<T> updates, Func<T, string?> text)
    {
        IAsyncEnumerator<T> enumerator = updates.GetAsyncEnumerator();
#pragma warning disable CA2012 // Held until the measured operation awaits it, exactly once.
        _first = enumerator.MoveNextAsync();
#pragma warning restore CA2012
        if (!_gate.Waiting.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"The client never read the response (first update {(_first.IsCompleted ? "completed" : "pending")}).");
        }

        _firstText = () => text(enumerator.Current);
        _finish = async () =>
        {
            while (await enumerator.MoveNextAsync())
            {
            }

            await enumerator.DisposeAsync();
        };
    }
}
