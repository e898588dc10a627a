using Orleans;

namespace SkDeepInfra.Agents.Orleans.Spend;

/// <summary>The answer to a reservation: granted or not, and the figures it was decided on.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.SpendReservation")]
internal sealed class SpendReservation
{
    [Id(0)]
    public bool Granted { get; init; }

    [Id(1)]
    public TenantSpendSnapshot Spend { get; init; } = new();
}
