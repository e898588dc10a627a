using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Soak;

/// <summary>
/// Drives many concurrent calls through one <see cref="DeepInfraChatClient"/> against the emulator and measures them.
/// Every reply is derived from its prompt, so each call checks it got exactly its own text back. Shared by the soak
/// console program and the short soak in the unit tests.
/// </summary>
public static class SoakRunner
{
    private const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    private const string Words = "Llamas hum softly in the Andes, é, 中文, 😀, \"quotes\" and \\backslashes\\; ";

    /// <summary>The text call <paramref name="call"/> must get back.</summary>
    public static string ExpectedText(int call, int length)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"call {call}: ");
        while (text.Length < length)
        {
            text.Append(Words);
        }

        // Never end inside a surrogate pair.
        int end = Math.Min(length, text.Length);
        return char.IsHighSurrogate(text[end - 1]) ? text.ToString(0, end - 1) : text.ToString(0, end);
    }

    /// <summary>The emulator's answer to a soak prompt, <c>soak {call} {length} {chunk} {delayMs}</c>; null for anything else.</summary>
    public static EmulatorReply? Respond(EmulatorRequest request)
    {
        string[] parts = (request.LastUserText ?? string.Empty).Split(' ');
        if (parts.Length != 5 || parts[0] != "soak")
        {
            return null;
        }

        int[] n = [.. parts.Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
        return EmulatorReply.Text(ExpectedText(n[0], n[1])).WithChunkSize(n[2]).WithChunkDelay(TimeSpan.FromMilliseconds(n[3]));
    }

    /// <summary>Starts a loopback emulator that answers soak prompts, for --serve and for runs in this process.</summary>
    public static async Task<DeepInfraEmulator> StartEmulatorAsync(bool loopback)
    {
        var emulator = new DeepInfraEmulator(new DeepInfraEmulatorOptions { ValidateRequests = true }) { Responder = Respond };
        if (loopback)
        {
            await emulator.StartAsync().ConfigureAwait(false);
        }

        return emulator;
    }

    public static async Task<SoakResult> RunAsync(SoakOptions o, CancellationToken cancellationToken = default)
    {
        DeepInfraEmulator? emulator = null;
        HttpClient? http = null;
        string transport;
        Uri endpoint;
        if (o.Endpoint is { } external)
        {
            (endpoint, transport) = (external, $"server at {external}, the library's shared HttpClient");
        }
        else
        {
            emulator = await StartEmulatorAsync(o.Loopback).ConfigureAwait(false);
            http = o.Loopback ? null : emulator.CreateHttpClient();
            endpoint = emulator.Endpoint;
            transport = o.Loopback
                ? "loopback Kestrel (the emulator in this process), the library's shared HttpClient"
                : "the emulator's in-process handler";
        }

        try
        {
            using var client = new DeepInfraChatClient(Model, new DeepInfraClientOptions { ApiKey = "soak-key", Endpoint = endpoint, MaxRetries = 0 }, http);
            await CallAsync(client, o, -1, streaming: true, cancellationToken).ConfigureAwait(false); // warm-up: JIT and the first connection

            var latencies = new double[o.Calls];
            var firstUpdates = new ConcurrentBag<double>();
            var failures = new ConcurrentQueue<string>();
            long events = 0;
            long peakHeap = 0;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            (int gen0, int gen1, int gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            using var sampler = new Timer(_ => InterlockedMax(ref peakHeap, GC.GetTotalMemory(forceFullCollection: false)), null, 0, 20);
            var clock = Stopwatch.StartNew();

            await Parallel.ForEachAsync(
                Enumerable.Range(0, o.Calls),
                new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    bool streaming = i % 100 >= (int)Math.Round(o.NonStreamingShare * 100);
                    long started = Stopwatch.GetTimestamp();
                    try
                    {
                        (int updates, double? first) = await CallAsync(client, o, i, streaming, token).ConfigureAwait(false);
                        Interlocked.Add(ref events, updates);
                        if (first is double f)
                        {
                            firstUpdates.Add(f);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        failures.Enqueue($"call {i}: {ex.GetType().Name}: {ex.Message}");
                    }

                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }).ConfigureAwait(false);

            TimeSpan duration = clock.Elapsed;
            await sampler.DisposeAsync().ConfigureAwait(false);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            (int, int, int) collections = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
            emulator?.Reset(); // the emulator's record of every request is not the client's memory
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long retained = GC.GetTotalMemory(forceFullCollection: true);
            Array.Sort(latencies);
            double[] firsts = [.. firstUpdates.Order()];
            using var process = Process.GetCurrentProcess();
            return new SoakResult
            {
                Options = o,
                Transport = transport,
                Duration = duration,
                Succeeded = o.Calls - failures.Count,
                Failures = [.. failures],
                Events = events,
                LatencyMs = latencies,
                FirstUpdateMs = firsts,
                PeakWorkingSetBytes = process.PeakWorkingSet64,
                PeakHeapBytes = Math.Max(peakHeap, retained),
                BaselineHeapBytes = baseline,
                RetainedHeapBytes = retained,
                AllocatedBytes = allocated,
                Collections = collections,
            };
        }
        finally
        {
            http?.Dispose();
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One call; checks the text is exactly this call's. Returns the number of updates and the time to the first.</summary>
    private static async Task<(int Updates, double? FirstUpdateMs)> CallAsync(DeepInfraChatClient client, SoakOptions o, int call, bool streaming, CancellationToken cancellationToken)
    {
        string prompt = string.Create(CultureInfo.InvariantCulture, $"soak {Math.Max(call, 0)} {o.TextLength} {o.ChunkSize} {(int)o.ChunkDelay.TotalMilliseconds}");
        string expected = ExpectedText(Math.Max(call, 0), o.TextLength);
        if (!streaming)
        {
            ChatResponse response = await client.GetResponseAsync(prompt, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Text == expected ? (1, null) : throw new InvalidDataException($"wrong text: \"{Shorten(response.Text)}\"");
        }

        long started = Stopwatch.GetTimestamp();
        double? first = null;
        int updates = 0;
        var text = new StringBuilder(o.TextLength);
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(prompt, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            first ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            updates++;
            text.Append(update.Text);
        }

        return text.ToString() == expected ? (updates, first) : throw new InvalidDataException($"wrong text: \"{Shorten(text.ToString())}\"");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static void InterlockedMax(ref long target, long value)
    {
        long current = Interlocked.Read(ref target);
        while (value > current)
        {
            long seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
