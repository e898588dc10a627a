using System;
using System.Collections.Generic;
using System.Globalization;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// The most one agent run may spend: model calls, total tokens and DeepInfra's estimated cost in USD. A <see langword="null"/>
/// limit is no limit. Checked before every model call of the run's tool loop; once a limit is reached the run ends cleanly
/// with <see cref="AgentRunStatus.BudgetExceeded"/>, so a run can overshoot by at most one model call's usage.
/// </summary>
/// <remarks>Immutable: one instance can serve many runs. Each run starts with nothing spent.</remarks>
public sealed class AgentBudget
{
    private readonly int? _maxModelCalls;
    private readonly long? _maxTotalTokens;
    private readonly double? _maxEstimatedCostUsd;

    /// <summary>Gets the most model calls per run, or <see langword="null"/> for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int? MaxModelCalls
    {
        get => _maxModelCalls;
        init => _maxModelCalls = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(MaxModelCalls), value, "A model-call budget cannot be negative.") : value;
    }

    /// <summary>Gets the most tokens (input plus output, over all model calls) per run, or <see langword="null"/> for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? MaxTotalTokens
    {
        get => _maxTotalTokens;
        init => _maxTotalTokens = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(MaxTotalTokens), value, "A token budget cannot be negative.") : value;
    }

    /// <summary>
    /// Gets the most estimated cost in USD per run, summed from DeepInfra's <c>estimated_cost</c> on each reply, or
    /// <see langword="null"/> for no limit. Replies without a cost count as zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double? MaxEstimatedCostUsd
    {
        get => _maxEstimatedCostUsd;
        init => _maxEstimatedCostUsd = value is double d && (d < 0 || double.IsNaN(d) || double.IsInfinity(d))
            ? throw new ArgumentOutOfRangeException(nameof(MaxEstimatedCostUsd), value, "A cost budget must be a finite, non-negative number of USD.")
            : value;
    }

    /// <summary>Describes the limits, e.g. <c>5 model calls, 20000 tokens, $0.01</c>.</summary>
    /// <returns>The description; <c>unlimited</c> when no limit is set.</returns>
    public override string ToString()
    {
        var parts = new List<string>(3);
        if (MaxModelCalls is int calls)
        {
            parts.Add(calls == 1 ? "1 model call" : $"{calls.ToString(CultureInfo.InvariantCulture)} model calls");
        }

        if (MaxTotalTokens is long tokens)
        {
            parts.Add($"{tokens.ToString(CultureInfo.InvariantCulture)} tokens");
        }

        if (MaxEstimatedCostUsd is double cost)
        {
            parts.Add(Usd.Format(cost));
        }

        return parts.Count == 0 ? "unlimited" : string.Join(", ", parts);
    }
}
