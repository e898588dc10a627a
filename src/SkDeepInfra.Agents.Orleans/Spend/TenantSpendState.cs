using System;
using Orleans;

namespace SkDeepInfra.Agents.Orleans.Spend;

/// <summary>What grain storage keeps of a tenant's spend: the current period's settled total (reservations live in memory only).</summary>
[GenerateSerializer]
[Alias("SkDeepInfra.Agents.Orleans.TenantSpendState")]
internal sealed class TenantSpendState
{
    public const int CurrentVersion = 1;

    [Id(0)]
    public int Version { get; set; } = CurrentVersion;

    [Id(1)]
    public DateTimeOffset PeriodStart { get; set; }

    [Id(2)]
    public double SpentUsd { get; set; }

    [Id(3)]
    public int ModelCalls { get; set; }
}
