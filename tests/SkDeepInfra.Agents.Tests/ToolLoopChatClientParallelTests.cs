namespace SkDeepInfra.Agents;

/// <summary>Several calls in one reply run concurrently when allowed, and their results go back in call order.</summary>
public sealed class ToolLoopChatClientParallelTests
{
    private static readonly TimeSpan s_deadlockGuard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_TwoCallsWithConcurrency_RunTogetherAndAnswerInCallOrder()
    {
        await using var harness = new AgentHarness();
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<string>();

        // The first tool can only finish once the second has started: this completes only if both run at once.
        AIFunction slow = AIFunctionFactory.Create(
            async (string city) =>
            {
                await secondStarted.Task.WaitAsync(s_deadlockGuard);
                lock (order)
                {
                    order.Add("slow");
                }

                return $"{city}: 18 °C";
            },
            "get_weather");
        AIFunction fast = AIFunctionFactory.Create(
            (string city) =>
            {
                secondStarted.SetResult();
                lock (order)
                {
                    order.Add("fast");
                }

                return $"{city}: 09:00";
            },
            "get_time");
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(
                new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_a"),
                new EmulatorToolCall("get_time", """{"city":"Paris"}""", "call_b")),
            EmulatorReply.Text("18 °C at 09:00."));
        ChatClientAgent agent = harness.Agent([slow, fast]);

        AgentResponse response = await agent.RunAsync("Weather and time in Paris?");

        Assert.Equal(["fast", "slow"], order);
        Assert.Equal([("call_a", "Paris: 18 °C"), ("call_b", "Paris: 09:00")], harness.ToolMessagesOf(1));
        Assert.Equal(["call_a", "call_b"], response.GetRunLedger()!.ToolCalls.Select(t => t.CallId));
        Assert.True(response.GetRunOutcome()!.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_ConcurrencyOff_RunsCallsOneAfterAnother()
    {
        await using var harness = new AgentHarness();
        int running = 0, maxRunning = 0;
        AIFunction tool = AIFunctionFactory.Create(
            async (string city) =>
            {
                maxRunning = Math.Max(maxRunning, Interlocked.Increment(ref running));
                await Task.Yield();
                Interlocked.Decrement(ref running);
                return city;
            },
            "echo");
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("echo", """{"city":"A"}""", "call_a"), new EmulatorToolCall("echo", """{"city":"B"}""", "call_b")),
            EmulatorReply.Text("A, B."));

        await harness.Agent([tool], new DeepInfraAgentOptions { AllowConcurrentInvocation = false }).RunAsync("Echo A and B.");

        Assert.Equal(1, maxRunning);
        Assert.Equal([("call_a", "A"), ("call_b", "B")], harness.ToolMessagesOf(1));
    }
}
