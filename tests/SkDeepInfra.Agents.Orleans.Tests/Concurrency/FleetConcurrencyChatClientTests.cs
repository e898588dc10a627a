namespace SkDeepInfra.Agents.Orleans.Concurrency;

/// <summary>One limit of in-flight DeepInfra requests per model and key for the whole cluster.</summary>
[Collection(ClusterGroup.Name)]
public sealed class FleetConcurrencyChatClientTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SendAsync_500ConcurrentRunsOverThreeSilos_EmulatorNeverSeesMoreThanTheFleetLimit()
    {
        fixture.Traffic.ResetPeak();
        int before = fixture.Traffic.Total;
        fixture.Traffic.Hold = TimeSpan.FromMilliseconds(20);
        ConversationReply[] replies;
        try
        {
            replies = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
                fixture.Agents.SendAsync("fleet", $"run-{i}", ClusterFixture.Agent, $"hello {i}")));
        }
        finally
        {
            fixture.Traffic.Hold = TimeSpan.FromMilliseconds(5);
        }

        Assert.All(replies, r => Assert.Equal(AgentRunStatus.Completed, r.Status));
        Assert.Equal(500, fixture.Traffic.Total - before);
        Assert.Equal(ClusterFixture.FleetLimit, fixture.Traffic.Peak);
        Assert.Equal(3, Enumerable.Range(0, 500).Select(i => fixture.HostOf("fleet", $"run-{i}")).Distinct().Count());
        LimiterSnapshot limiter = await Limiter(FleetConcurrencyChatClient.DefaultKeyId).GetAsync();
        Assert.Equal((0, 0, ClusterFixture.FleetLimit, ClusterFixture.FleetLimit), (limiter.InUse, limiter.Waiting, limiter.Limit, limiter.PeakInUse));
    }

    [Fact]
    public async Task GetResponseAsync_WithoutAgents_WaitsInLineAndHonoursCancellation()
    {
        string key = "plain-" + Guid.NewGuid().ToString("N");
        IModelConcurrencyGrain limiter = Limiter(key);
        Guid[] held = Enumerable.Range(0, ClusterFixture.FleetLimit).Select(_ => Guid.NewGuid()).ToArray();
        foreach (Guid lease in held)
        {
            Assert.True(await limiter.AcquireAsync(lease, null, TimeSpan.FromSeconds(1), CancellationToken.None));
        }

        using var chat = new FleetConcurrencyChatClient(new DeepInfraChatClient(ClusterFixture.Model, new DeepInfraClientOptions { Endpoint = fixture.Emulator.Endpoint, MaxRetries = 0 }, fixture.Emulator.CreateHttpClient()), fixture.Grains, key);
        using var cancel = new CancellationTokenSource();
        Task<ChatResponse> cancelled = chat.GetResponseAsync("first in line, then cancelled", cancellationToken: cancel.Token);
        await WaitUntil(async () => (await limiter.GetAsync()).Waiting == 1);
        Task<ChatResponse> waiting = chat.GetResponseAsync("second in line");
        await WaitUntil(async () => (await limiter.GetAsync()).Waiting == 2);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await WaitUntil(async () => (await limiter.GetAsync()).Waiting == 1);
        Assert.False(waiting.IsCompleted);

        await limiter.ReleaseAsync(held[0]);
        Assert.Equal("You said: second in line", (await waiting).Text);
        LimiterSnapshot after = await limiter.GetAsync();
        Assert.Equal((ClusterFixture.FleetLimit - 1, 0), (after.InUse, after.Waiting));
        foreach (Guid lease in held)
        {
            await limiter.ReleaseAsync(lease);
        }
    }

    [Fact]
    public async Task AcquireAsync_Queue_ServesCallersInOrder()
    {
        IModelConcurrencyGrain limiter = Limiter("order-" + Guid.NewGuid().ToString("N"));
        Guid[] held = Enumerable.Range(0, ClusterFixture.FleetLimit).Select(_ => Guid.NewGuid()).ToArray();
        foreach (Guid lease in held)
        {
            await limiter.AcquireAsync(lease, null, TimeSpan.FromSeconds(1), CancellationToken.None);
        }

        Guid[] queued = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var granted = new System.Collections.Concurrent.ConcurrentQueue<Guid>();
        var waits = new List<Task>();
        foreach (Guid lease in queued)
        {
            waits.Add(Task.Run(async () =>
            {
                while (!await limiter.AcquireAsync(lease, null, TimeSpan.FromSeconds(5), CancellationToken.None))
                {
                }

                granted.Enqueue(lease);
            }));
            await WaitUntil(async () => (await limiter.GetAsync()).Waiting == waits.Count);
        }

        for (int i = 0; i < queued.Length; i++)
        {
            await limiter.ReleaseAsync(held[i]);
            await WaitUntil(() => Task.FromResult(granted.Count == i + 1));
        }

        await Task.WhenAll(waits);
        Assert.Equal(queued, granted);
    }

    private IModelConcurrencyGrain Limiter(string keyId) => fixture.Grains.GetGrain<IModelConcurrencyGrain>(LimiterKey.Create(keyId, ClusterFixture.Model));

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The condition was not reached within 5 seconds.");
    }
}
