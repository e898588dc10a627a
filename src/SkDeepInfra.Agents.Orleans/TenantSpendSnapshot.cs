using System;
using Orleans;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>A tenant's spend in the current period: settled, reserved by calls in flight, and the limit.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.TenantSpendSnapshot")]
public sealed class TenantSpendSnapshot
{
    /// <summary>Gets the tenant's id.</summary>
    [Id(0)]
    public string TenantId { get; init; } = string.Empty;

    /// <summary>Gets the period the figures cover.</summary>
    [Id(1)]
    public SpendPeriod Period { get; init; }

    /// <summary>Gets when the period started (UTC).</summary>
    [Id(2)]
    public DateTimeOffset PeriodStart { get; init; }

    /// <summary>Gets DeepInfra's estimated cost of the period's settled model calls, in USD.</summary>
    [Id(3)]
    public double SpentUsd { get; init; }

    /// <summary>Gets what model calls in flight have reserved, in USD.</summary>
    [Id(4)]
    public double ReservedUsd { get; init; }

    /// <summary>Gets the limit in USD, or <see langword="null"/> when the tenant has none.</summary>
    [Id(5)]
    public double? LimitUsd { get; init; }

    /// <summary>Gets the number of settled model calls in the period.</summary>
    [Id(6)]
    public int ModelCalls { get; init; }

    /// <summary>Describes the figures, e.g. <c>tenant acme: $0.0012 spent, $0 reserved of $5 this Month (3 model calls)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"tenant {TenantId}: {Usd.Format(SpentUsd)} spent, {Usd.Format(ReservedUsd)} reserved of {(LimitUsd is double limit ? Usd.Format(limit) : "no limit")} this {Period} ({ModelCalls} model calls)";
}
