using System.Diagnostics;
using System.Text;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Reliability;

/// <summary>Helpers for tests over real sockets: clients with their own connection pool, reading, timing.</summary>
public static class Loopback
{
    public const string Key = "loopback-key-3b7e1d";

    /// <summary>A client with its own pool (connection reuse is part of what these tests observe); retries recorded, not slept.</summary>
    public static DeepInfraChatClient CreateClient(Uri endpoint, int maxRetries = 0, List<TimeSpan>? delays = null, long? maxResponseBytes = null, long? maxStreamEventBytes = null, bool realDelays = false)
    {
        var options = new DeepInfraClientOptions { ApiKey = Key, Endpoint = endpoint, MaxRetries = maxRetries };
        if (maxResponseBytes is long body)
        {
            options.MaxResponseBytes = body;
        }

        if (maxStreamEventBytes is long perEvent)
        {
            options.MaxStreamEventBytes = perEvent;
        }

        var client = new DeepInfraChatClient(Canned.Model, options, new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) }));
        if (!realDelays)
        {
            client.Pipeline.Delay = (delay, _) =>
            {
                if (delays is not null)
                {
                    lock (delays)
                    {
                        delays.Add(delay);
                    }
                }

                return Task.CompletedTask;
            };
        }

        return client;
    }

    public static async Task<(string Text, List<ChatResponseUpdate> Updates, Exception? Error)> StreamAsync(IChatClient client, string prompt, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(prompt, cancellationToken: cancellationToken))
            {
                updates.Add(update);
            }
        }
        catch (Exception ex)
        {
            return (string.Concat(updates.Select(u => u.Text)), updates, ex);
        }

        return (string.Concat(updates.Select(u => u.Text)), updates, null);
    }

    /// <summary>The SSE events the emulator sends for <paramref name="reply"/> to a streaming request asking for usage.</summary>
    public static async Task<List<string>> EmulatorEventsAsync(EmulatorReply reply)
    {
        await using var emulator = new DeepInfraEmulator();
        emulator.Enqueue(reply);
        using HttpClient http = emulator.CreateHttpClient();
        string body = """{"model":"m","messages":[{"role":"user","content":"q"}],"stream":true,"stream_options":{"include_usage":true}}""";
        using HttpResponseMessage response = await http.PostAsync("chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        string sse = await response.Content.ReadAsStringAsync();
        return [.. sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Starts <paramref name="call"/>, waits until <paramref name="stalled"/>, cancels, and measures how long the cancellation took to surface.</summary>
    public static async Task<(Exception? Error, TimeSpan Latency)> CancelWhenStalledAsync(Func<CancellationToken, Task> call, Func<bool> stalled)
    {
        using var cts = new CancellationTokenSource();
        Task running = call(cts.Token);
        var waited = Stopwatch.StartNew();
        while (!stalled())
        {
            if (running.IsCompleted || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException("The call never reached the stall.", running.Exception);
            }

            await Task.Delay(5);
        }

        await Task.Delay(50); // well inside the stall
        var stopwatch = Stopwatch.StartNew();
        await cts.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(10));
            return (null, stopwatch.Elapsed);
        }
        catch (Exception ex)
        {
            return (ex, stopwatch.Elapsed);
        }
    }
}
