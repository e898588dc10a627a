using System;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace SkDeepInfra.Agents.Orleans.Spend;

/// <summary>One tenant's spend per UTC period, keyed by tenant id: model calls reserve before they are sent and settle after.</summary>
[Alias("SkDeepInfra.Agents.Orleans.ITenantSpendGrain")]
internal interface ITenantSpendGrain : IGrainWithStringKey
{
    /// <summary>Reserves <paramref name="amountUsd"/> for a call unless the period's spent plus reserved amount would pass the limit.</summary>
    /// <param name="reservationId">The call's id, to settle it.</param>
    /// <param name="amountUsd">The estimate.</param>
    /// <param name="holder">The silo making the call: its reservations are released when the cluster declares it dead.</param>
    [Alias("Reserve")]
    Task<SpendReservation> ReserveAsync(Guid reservationId, double amountUsd, SiloAddress? holder);

    /// <summary>Replaces a reservation with the call's actual cost (the reservation may already have expired).</summary>
    /// <param name="reservationId">The call's reservation.</param>
    /// <param name="actualUsd">What the call cost.</param>
    /// <param name="sent">Whether the call was answered (counted as a model call) or failed (only releases the reservation).</param>
    [Alias("Settle")]
    Task SettleAsync(Guid reservationId, double actualUsd, bool sent);

    [Alias("Get")]
    Task<TenantSpendSnapshot> GetAsync();
}
