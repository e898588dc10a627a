namespace SkDeepInfra.Agents.Orleans.Spend;

/// <summary>A tenant's limit holds across silos: calls reserve before they are sent and settle their actual cost after.</summary>
[Collection(ClusterGroup.Name)]
public sealed class TenantSpendGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SendAsync_ConcurrentRunsOnEverySilo_TenantLimitHoldsAndTheRestEndBudgetExceeded()
    {
        string tenant = ClusterFixture.CappedTenant;
        TenantSpendSnapshot before = await fixture.Agents.GetTenantSpendAsync(tenant);
        Assert.Equal((0, 0, 0.001), (before.SpentUsd, before.ReservedUsd, before.LimitUsd));

        ConversationReply[] replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            fixture.Agents.SendAsync(tenant, $"spend-{i}", ClusterFixture.Agent, $"costly question {i}")));

        TenantSpendSnapshot after = await fixture.Agents.GetTenantSpendAsync(tenant);
        ConversationReply[] completed = replies.Where(r => r.Status == AgentRunStatus.Completed).ToArray();
        ConversationReply[] refused = replies.Where(r => r.Status == AgentRunStatus.BudgetExceeded).ToArray();
        Assert.Equal(30, completed.Length + refused.Length);
        Assert.NotEmpty(completed);
        Assert.NotEmpty(refused);
        Assert.True(after.SpentUsd <= ClusterFixture.CappedLimitUsd, $"spent {after.SpentUsd}");
        Assert.Equal(completed.Length * (double)ScriptedModel.CostlyCallUsd, after.SpentUsd, 12);
        Assert.Equal((0, completed.Length, SpendPeriod.Day), (after.ReservedUsd, after.ModelCalls, after.Period));
        Assert.Equal(new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero), after.PeriodStart);

        ConversationReply stopped = refused[0];
        Assert.Equal(AgentBudgetKind.EstimatedCost, stopped.ExceededBudget);
        Assert.StartsWith("The run stopped before model call 1: tenant capped's daily limit of $0.001 would be passed (", stopped.OutcomeMessage, StringComparison.Ordinal);
        Assert.Equal(("", "0 model calls, 0 tool calls (0 failed), 0 tokens, $0"), (stopped.Text, stopped.Ledger));
    }

    [Fact]
    public async Task ReserveAsync_MoreThanTheLimit_RefusedWithTheFigures()
    {
        var grain = fixture.Grains.GetGrain<ITenantSpendGrain>("reserve-" + Guid.NewGuid().ToString("N"));

        SpendReservation free = await grain.ReserveAsync(Guid.NewGuid(), 5, holder: null);

        // A tenant without a limit (none configured for it) is never refused, and what it reserves shows.
        Assert.True(free.Granted);
        Assert.Equal((5, (double?)null), (free.Spend.ReservedUsd, free.Spend.LimitUsd));
    }

    [Fact]
    public async Task SettleAsync_UnsentCall_ReleasesTheReservationAndSpendsNothing()
    {
        var grain = fixture.Grains.GetGrain<ITenantSpendGrain>("settle-" + Guid.NewGuid().ToString("N"));
        var call = Guid.NewGuid();
        await grain.ReserveAsync(call, 0.5, holder: null);

        await grain.SettleAsync(call, 0, sent: false);

        TenantSpendSnapshot spend = await grain.GetAsync();
        Assert.Equal((0, 0, 0), (spend.SpentUsd, spend.ReservedUsd, spend.ModelCalls));
    }

    [Fact]
    public void StartOf_PeriodsAreUtcCalendarDaysAndMonths()
    {
        var late = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), SpendPeriods.StartOf(SpendPeriod.Day, late));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), SpendPeriods.StartOf(SpendPeriod.Month, late));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), SpendPeriods.StartOf(SpendPeriod.Month, late.AddHours(-5)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TenantSpendLimit_BadAmount_Throws(double amount) =>
        Assert.Equal("limitUsd", Assert.Throws<ArgumentOutOfRangeException>(() => new TenantSpendLimit(amount)).ParamName);
}
