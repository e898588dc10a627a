using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using SkDeepInfra.Agents.Orleans.Hosting;

namespace SkDeepInfra.Agents.Orleans.Spend;

/// <summary>
/// Holds a tenant's spend for the current UTC period and the reservations of calls in flight. A call is granted only if
/// what is spent, what is reserved and its estimate fit the limit together, so across the whole cluster the tenant passes
/// its limit by no more than the amount by which one call's actual cost exceeds its estimate. Settled spend is stored;
/// reservations are in memory and expire with their silo. Reentrant: reserving and settling are synchronous steps, and
/// settlements that arrive while the state is being written share the next write instead of queueing one each.
/// </summary>
[Reentrant]
internal sealed class TenantSpendGrain(
    [PersistentState("tenant-spend", DeepInfraAgentClusterOptions.StorageName)] IPersistentState<TenantSpendState> state,
    IOptions<DeepInfraAgentClusterOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<TenantSpendGrain> logger) : Grain, ITenantSpendGrain
{
    private readonly LeaseTable<double> _reservations = new();
    private Task _write = Task.CompletedTask;
    private bool _writeQueued;
    private readonly IClusterMembershipService? _membership = (IClusterMembershipService?)services.GetService(typeof(IClusterMembershipService));

    private string TenantId => this.GetPrimaryKeyString();

    private TenantSpendLimit? Limit => options.Value.LimitOf(TenantId);

    public Task<SpendReservation> ReserveAsync(Guid reservationId, double amountUsd, SiloAddress? holder)
    {
        Refresh();
        double reserved = _reservations.Values.Sum();
        bool granted = Limit is not { } limit || state.State.SpentUsd + reserved + amountUsd <= limit.LimitUsd;
        if (granted)
        {
            _reservations.Add(reservationId, amountUsd, holder, time.GetUtcNow());
        }
        else
        {
            Log.ReservationRefused(logger, TenantId, amountUsd, state.State.SpentUsd, reserved, Limit!.LimitUsd);
        }

        return Task.FromResult(new SpendReservation { Granted = granted, Spend = Snapshot() });
    }

    public async Task SettleAsync(Guid reservationId, double actualUsd, bool sent)
    {
        Refresh();
        _reservations.TryRemove(reservationId, out _);
        if (!sent)
        {
            return;
        }

        state.State.SpentUsd += actualUsd;
        state.State.ModelCalls++;
        await StoreAsync();
    }

    /// <summary>Writes the state after the write in progress, once for every settlement that arrived meanwhile; returns when it is written.</summary>
    private Task StoreAsync()
    {
        if (!_writeQueued)
        {
            _writeQueued = true;
            _write = WriteAfterAsync(_write);
        }

        return _write;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        await previous;
        _writeQueued = false;
        try
        {
            await state.WriteStateAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The spend stays in memory (it was really spent) and is written with the next settlement.
            Log.SpendStoreFailed(logger, ex, TenantId);
        }
    }

    public Task<TenantSpendSnapshot> GetAsync()
    {
        Refresh();
        return Task.FromResult(Snapshot());
    }

    /// <summary>Starts a new period when the UTC clock has passed into one, and lets reservations of dead or silent silos go.</summary>
    private void Refresh()
    {
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset start = SpendPeriods.StartOf(Limit?.Period ?? SpendPeriod.Month, now);
        if (state.State.PeriodStart != start)
        {
            state.State = new TenantSpendState { PeriodStart = start };
        }

        List<double> expired = _reservations.Expire(_membership, now, options.Value.LeaseTimeout);
        if (expired.Count > 0)
        {
            Log.ReservationsExpired(logger, TenantId, expired.Count, expired.Sum());
        }
    }

    private TenantSpendSnapshot Snapshot() => new()
    {
        TenantId = TenantId,
        Period = Limit?.Period ?? SpendPeriod.Month,
        PeriodStart = state.State.PeriodStart,
        SpentUsd = state.State.SpentUsd,
        ReservedUsd = _reservations.Values.Sum(),
        LimitUsd = Limit?.LimitUsd,
        ModelCalls = state.State.ModelCalls,
    };
}
