using System;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>The most a tenant may spend on DeepInfra per <see cref="SpendPeriod"/>, across every silo of the cluster.</summary>
public sealed class TenantSpendLimit
{
    /// <summary>Initializes a new instance of the <see cref="TenantSpendLimit"/> class.</summary>
    /// <param name="limitUsd">The most DeepInfra's estimated cost may add up to in one period, in USD.</param>
    /// <param name="period">The period, in UTC.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limitUsd"/> is negative, infinite or NaN, or <paramref name="period"/> is not defined.</exception>
    public TenantSpendLimit(double limitUsd, SpendPeriod period = SpendPeriod.Month)
    {
        if (limitUsd < 0 || double.IsNaN(limitUsd) || double.IsInfinity(limitUsd))
        {
            throw new ArgumentOutOfRangeException(nameof(limitUsd), limitUsd, "A spend limit must be a finite, non-negative number of USD.");
        }

        if (period is not (SpendPeriod.Day or SpendPeriod.Month))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be Day or Month.");
        }

        LimitUsd = limitUsd;
        Period = period;
    }

    /// <summary>Gets the most DeepInfra's estimated cost may add up to in one period, in USD.</summary>
    public double LimitUsd { get; }

    /// <summary>Gets the period the limit covers.</summary>
    public SpendPeriod Period { get; }
}
