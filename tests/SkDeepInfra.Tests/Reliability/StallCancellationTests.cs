using System.Diagnostics;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra.Testing;
using Xunit.Abstractions;

namespace SkDeepInfra.Reliability;

/// <summary>
/// A server that stalls (before the status line, between events, in the middle of a body, or through a long
/// Retry-After) never holds a caller who cancels: <see cref="OperationCanceledException"/>, unwrapped, within 100 ms of
/// the cancellation. Each stall is measured <see cref="Repeats"/> times over loopback.
/// </summary>
[Collection(TimingSensitive.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.")]
public sealed class StallCancellationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Repeats = 5;
    private static readonly TimeSpan s_limit = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_stall = TimeSpan.FromSeconds(30);
    private readonly DeepInfraEmulator _emulator = new(new DeepInfraEmulatorOptions { ApiKey = Loopback.Key });

    public Task InitializeAsync() => _emulator.StartAsync();

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    [Fact]
    public async Task GetStreamingResponseAsync_StalledBeforeFirstByte_CancelledWithin100ms()
    {
        using DeepInfraChatClient client = Loopback.CreateClient(_emulator.Endpoint);

        await AssertCancelsQuicklyAsync("stream, stalled before the status line", () =>
        {
            int sent = _emulator.Requests.Count;
            _emulator.Enqueue(EmulatorReply.Text("never").WithFirstByteDelay(s_stall));
            return (token => Loopback.StreamAsync(client, "q", token).ContinueWith(t => t.Result.Error is { } e ? throw e : t, TaskScheduler.Default), () => _emulator.Requests.Count > sent);
        });
    }

    [Fact]
    public async Task GetResponseAsync_StalledBeforeFirstByte_CancelledWithin100ms()
    {
        using DeepInfraChatClient client = Loopback.CreateClient(_emulator.Endpoint);

        await AssertCancelsQuicklyAsync("body, stalled before the status line", () =>
        {
            int sent = _emulator.Requests.Count;
            _emulator.Enqueue(EmulatorReply.Text("never").WithFirstByteDelay(s_stall));
            return (token => client.GetResponseAsync("q", cancellationToken: token), () => _emulator.Requests.Count > sent);
        });
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StalledBetweenEvents_CancelledWithin100ms()
    {
        using DeepInfraChatClient client = Loopback.CreateClient(_emulator.Endpoint);

        await AssertCancelsQuicklyAsync("stream, stalled after the first event", () =>
        {
            _emulator.Enqueue(EmulatorReply.Text("first then a long silence").WithChunkSize(6).WithChunkDelay(s_stall));
            int received = 0;
            return (
                async token =>
                {
                    await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q", cancellationToken: token))
                    {
                        Interlocked.Increment(ref received);
                    }
                },
                () => Volatile.Read(ref received) > 0);
        });
    }

    [Fact]
    public async Task GetResponseAsync_StalledHalfWayThroughBody_CancelledWithin100ms()
    {
        int stalls = 0;
        await using var server = new ScriptedServer(async exchange =>
        {
            byte[] body = System.Text.Encoding.UTF8.GetBytes(Canned.Completion("a reply that stops half way"));
            await exchange.WriteHeadAsync(200, "application/json", body.Length);
            await exchange.WriteAsync(body.AsMemory(0, body.Length / 2));
            Interlocked.Increment(ref stalls);
            await Task.Delay(s_stall, exchange.Stopping);
        });
        using DeepInfraChatClient client = Loopback.CreateClient(server.Endpoint);

        await AssertCancelsQuicklyAsync("body, stalled half way through", () =>
        {
            int before = Volatile.Read(ref stalls);
            return (token => client.GetResponseAsync("q", cancellationToken: token), () => Volatile.Read(ref stalls) > before);
        });
    }

    [Fact]
    public async Task GetResponseAsync_WaitingOutLongRetryAfter_CancelledWithin100ms()
    {
        using DeepInfraChatClient client = Loopback.CreateClient(_emulator.Endpoint, maxRetries: 3, realDelays: true);

        await AssertCancelsQuicklyAsync("waiting out Retry-After: 30", () =>
        {
            _emulator.Reset(); // the previous round's second reply was never asked for
            int sent = _emulator.Requests.Count;
            _emulator.Enqueue(EmulatorReply.RateLimited(s_stall), EmulatorReply.Text("too late"));
            return (token => client.GetResponseAsync("q", cancellationToken: token), () => _emulator.Requests.Count > sent);
        });
    }

    [Fact]
    public async Task ChatCompletionService_StalledStreamAndReply_CancelledWithin100ms()
    {
        var service = new DeepInfraChatCompletionService(Canned.Model, new DeepInfraClientOptions { ApiKey = Loopback.Key, Endpoint = _emulator.Endpoint, MaxRetries = 0 });
        var history = new ChatHistory();
        history.AddUserMessage("q");

        await AssertCancelsQuicklyAsync("Semantic Kernel stream, stalled before the status line", () =>
        {
            int sent = _emulator.Requests.Count;
            _emulator.Enqueue(EmulatorReply.Text("never").WithFirstByteDelay(s_stall));
            return (
                async token =>
                {
                    await foreach (StreamingChatMessageContent update in service.GetStreamingChatMessageContentsAsync(history, cancellationToken: token))
                    {
                    }
                },
                () => _emulator.Requests.Count > sent);
        });
        await AssertCancelsQuicklyAsync("Semantic Kernel reply, stalled before the status line", () =>
        {
            int sent = _emulator.Requests.Count;
            _emulator.Enqueue(EmulatorReply.Text("never").WithFirstByteDelay(s_stall));
            return (token => service.GetChatMessageContentsAsync(history, cancellationToken: token), () => _emulator.Requests.Count > sent);
        });
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StalledWithDeadline_CancelledWithin100msOfTheDeadline()
    {
        using DeepInfraChatClient client = Loopback.CreateClient(_emulator.Endpoint);
        var latencies = new List<TimeSpan>();
        TimeSpan deadline = TimeSpan.FromMilliseconds(300);

        for (int i = -1; i < Repeats; i++)
        {
            _emulator.Enqueue(EmulatorReply.Text("first then silence").WithChunkSize(6).WithChunkDelay(s_stall));
            using var cts = new CancellationTokenSource(deadline);
            var clock = Stopwatch.StartNew();
            TimeSpan fired = TimeSpan.Zero;
            cts.Token.Register(() => fired = clock.Elapsed);
            (_, List<ChatResponseUpdate> updates, Exception? error) = await Loopback.StreamAsync(client, "q", cts.Token);
            TimeSpan observed = clock.Elapsed;

            Assert.IsAssignableFrom<OperationCanceledException>(error);
            if (i >= 0)
            {
                // From the moment the deadline fired: a timer that fires late on a starved thread pool is not the client's doing.
                latencies.Add(observed - fired);
            }
        }

        output.WriteLine($"deadline {deadline.TotalMilliseconds} ms on a stalled stream: cancellation surfaced {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0.0}"))} ms after it fired (max {latencies.Max().TotalMilliseconds:0.0})");
        Assert.All(latencies, l => Assert.True(l < s_limit, $"cancellation surfaced {l.TotalMilliseconds} ms after the deadline fired"));
    }

    private async Task AssertCancelsQuicklyAsync(string scenario, Func<(Func<CancellationToken, Task> Call, Func<bool> Stalled)> start)
    {
        var latencies = new List<TimeSpan>();
        for (int i = 0; i < Repeats; i++)
        {
            (Func<CancellationToken, Task> call, Func<bool> stalled) = start();
            (Exception? error, TimeSpan latency) = await Loopback.CancelWhenStalledAsync(call, stalled);

            Assert.True(error is OperationCanceledException, $"{scenario}: expected OperationCanceledException, got {error?.GetType().Name ?? "success"}: {error}");
            latencies.Add(latency);
        }

        latencies.Sort();
        output.WriteLine($"{scenario}: cancellation surfaced in {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0.0}"))} ms (max {latencies[^1].TotalMilliseconds:0.0})");
        Assert.True(latencies[^1] < s_limit, $"{scenario}: cancellation took {latencies[^1].TotalMilliseconds} ms");
    }
}
