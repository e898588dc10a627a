using Orleans.Configuration;
using Orleans.TestingHost;
using SkDeepInfra.Agents.Orleans.Concurrency;
using SkDeepInfra.Agents.Orleans.Spend;

namespace SkDeepInfra.Agents.Orleans.Hosting;

/// <summary>A cluster of its own, because its tests stop and kill silos. Failures are detected within seconds.</summary>
public sealed class FailoverClusterFixture : ClusterFixture
{
    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
        });
}

/// <summary>Silos that stop or die lose no completed run, and their leases and reservations are released.</summary>
public sealed class FailoverTests(FailoverClusterFixture fixture) : IClassFixture<FailoverClusterFixture>
{
    [Fact]
    public async Task SendAsync_HostSiloStopped_ConversationContinuesElsewhereWithEveryCompletedRun()
    {
        const string tenant = "acme";
        string id = "failover-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Agents.SendAsync(tenant, id, ClusterFixture.Agent, "first");
        InProcessSiloHandle primary = fixture.Cluster.Silos[0];
        InProcessSiloHandle victim = fixture.Cluster.GetActiveSilos().First(s => s != primary);
        await fixture.Cluster.MigrateAsync(fixture.ConversationGrainId(tenant, id), victim.SiloAddress);
        await fixture.Agents.SendAsync(tenant, id, ClusterFixture.Agent, "second");
        Assert.Equal(victim.SiloAddress, fixture.HostOf(tenant, id));

        await fixture.Cluster.StopSiloAsync(victim);
        ConversationReply third = await fixture.Agents.SendAsync(tenant, id, ClusterFixture.Agent, "third");

        Assert.Equal(("You said: third", 6), (third.Text, third.MessageCount));
        Assert.NotEqual(victim.SiloAddress, fixture.HostOf(tenant, id));
        Assert.Equal(
            ["user: first", "assistant: You said: first", "user: second", "assistant: You said: second", "user: third", "assistant: You said: third"],
            (await fixture.Agents.GetAsync(tenant, id))!.Messages.Select(m => m.ToString()));
    }

    [Fact]
    public async Task KilledSilo_ItsLeasesAndReservationsAreReleased()
    {
        var tenant = fixture.Grains.GetGrain<ITenantSpendGrain>(ClusterFixture.CappedTenant + "-failover");
        var limiter = fixture.Grains.GetGrain<IModelConcurrencyGrain>(LimiterKey.Create("failover", ClusterFixture.Model));
        await tenant.GetAsync();
        await limiter.GetAsync();

        // A silo that joins after both grains are active: they are not on it, so what dies with it is only what it held.
        InProcessSiloHandle doomed = await fixture.Cluster.StartAdditionalSiloAsync();
        await tenant.ReserveAsync(Guid.NewGuid(), 0.25, doomed.SiloAddress);
        Assert.True(await limiter.AcquireAsync(Guid.NewGuid(), doomed.SiloAddress, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.True(await limiter.AcquireAsync(Guid.NewGuid(), null, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal(0.25, (await tenant.GetAsync()).ReservedUsd);
        Assert.Equal(2, (await limiter.GetAsync()).InUse);

        await fixture.Cluster.KillSiloAsync(doomed);

        for (int i = 0; i < 300 && ((await tenant.GetAsync()).ReservedUsd > 0 || (await limiter.GetAsync()).InUse > 1); i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, (await tenant.GetAsync()).ReservedUsd);
        Assert.Equal(1, (await limiter.GetAsync()).InUse);
    }
}
