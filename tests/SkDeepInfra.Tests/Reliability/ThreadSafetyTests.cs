using System.Collections.Concurrent;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Reliability;

/// <summary>
/// One <see cref="DeepInfraChatClient"/> and one <see cref="DeepInfraChatCompletionService"/>, each shared by 64 parallel
/// callers mixing streaming and non-streaming calls, retries and cancellations: every caller gets exactly its own answer
/// (the emulator echoes the prompt), nothing leaks between calls, nothing fails that should not.
/// </summary>
public sealed class ThreadSafetyTests
{
    private const int Callers = 64;
    private const int CallsPerCaller = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeepInfraChatClient_64ParallelCallersMixingStreamingRetriesAndCancellation_EachGetsItsOwnAnswer(bool loopback)
    {
        await using DeepInfraEmulator emulator = await StartAsync(loopback);
        using HttpClient? http = loopback ? null : emulator.CreateHttpClient();
        using var client = new DeepInfraChatClient(Canned.Model, new DeepInfraClientOptions { ApiKey = Loopback.Key, Endpoint = emulator.Endpoint, MaxRetries = 2 }, http);
        var outcomes = new ConcurrentBag<string>();

        await RunCallersAsync(async (caller, call) =>
        {
            string prompt = Prompt(caller, call);
            bool streaming = (caller + call) % 2 == 0;
            bool cancel = streaming && (caller * CallsPerCaller + call) % 11 == 0;
            if (!streaming)
            {
                ChatResponse response = await client.GetResponseAsync(prompt);
                Assert.Equal("You said: " + prompt, response.Text);
                Assert.True(response.Usage!.TotalTokenCount > 0);
                Assert.IsType<double>(response.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]);
                outcomes.Add("reply");
                return;
            }

            using var cts = new CancellationTokenSource();
            var updates = new List<ChatResponseUpdate>();
            try
            {
                await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(prompt, cancellationToken: cts.Token))
                {
                    updates.Add(update);
                    if (cancel)
                    {
                        await cts.CancelAsync();
                    }
                }

                Assert.False(cancel, "a cancelled stream completed");
                ChatResponse response = updates.ToChatResponse();
                Assert.Equal("You said: " + prompt, response.Text);
                Assert.All(updates, u => Assert.Equal(updates[0].ResponseId, u.ResponseId));
                Assert.True(response.Usage!.TotalTokenCount > 0);
                outcomes.Add("stream");
            }
            catch (OperationCanceledException) when (cancel)
            {
                Assert.StartsWith(string.Concat(updates.Select(u => u.Text)), "You said: " + prompt, StringComparison.Ordinal);
                outcomes.Add("cancelled");
            }
        }, emulator);

        Assert.Equal(Callers * CallsPerCaller, outcomes.Count);
        Assert.Contains("cancelled", outcomes);
        Assert.True(emulator.Requests.Count > Callers * CallsPerCaller, "the flaky prompts were retried");
    }

    [Fact]
    public async Task DeepInfraChatCompletionService_64ParallelCallersMixingStreamingAndNot_EachGetsItsOwnAnswerAndCost()
    {
        await using DeepInfraEmulator emulator = await StartAsync(loopback: true);
        var service = new DeepInfraChatCompletionService(Canned.Model, new DeepInfraClientOptions { ApiKey = Loopback.Key, Endpoint = emulator.Endpoint, MaxRetries = 2 });
        int calls = 0;

        await RunCallersAsync(async (caller, call) =>
        {
            string prompt = Prompt(caller, call);
            var history = new ChatHistory();
            history.AddUserMessage(prompt);
            if ((caller + call) % 2 == 0)
            {
                ChatMessageContent reply = Assert.Single(await service.GetChatMessageContentsAsync(history));
                Assert.Equal("You said: " + prompt, reply.Content);
                Assert.True((double)reply.Metadata![DeepInfraMetadataKeys.EstimatedCost]! > 0);
            }
            else
            {
                var text = new System.Text.StringBuilder();
                double? cost = null;
                await foreach (StreamingChatMessageContent update in service.GetStreamingChatMessageContentsAsync(history))
                {
                    text.Append(update.Content);
                    cost ??= update.Metadata?.TryGetValue(DeepInfraMetadataKeys.EstimatedCost, out object? value) == true ? value as double? : null;
                }

                Assert.Equal("You said: " + prompt, text.ToString());
                Assert.True(cost > 0);
            }

            Interlocked.Increment(ref calls);
        }, emulator);

        Assert.Equal(Callers * CallsPerCaller, calls);
    }

    private static string Prompt(int caller, int call) => $"caller {caller} call {call}{(call % 3 == 1 ? " flaky" : "")} é😀";

    private static async Task<DeepInfraEmulator> StartAsync(bool loopback)
    {
        var emulator = new DeepInfraEmulator(new DeepInfraEmulatorOptions { ApiKey = Loopback.Key });
        var attempts = new ConcurrentDictionary<string, int>();

        // "flaky" prompts fail once with 503 (retry-after-ms: 0), then get the echo like everyone else.
        emulator.Responder = request =>
            request.LastUserText!.Contains("flaky", StringComparison.Ordinal) && attempts.AddOrUpdate(request.LastUserText, 1, (_, n) => n + 1) == 1
                ? EmulatorReply.Error(503).WithRetryAfterMilliseconds(0)
                : null;
        if (loopback)
        {
            await emulator.StartAsync();
        }

        return emulator;
    }

    private static async Task RunCallersAsync(Func<int, int, Task> call, DeepInfraEmulator emulator)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            await start.Task;
            for (int i = 0; i < CallsPerCaller; i++)
            {
                await call(caller, i);
            }
        })).ToArray();

        start.SetResult();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEmpty(emulator.Requests);
    }
}
