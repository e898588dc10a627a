using System;
using System.Collections.Generic;
using System.Globalization;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// The most one agent run may spend: model calls, tool calls, tokens (in total, input and output), DeepInfra's estimated
/// cost in USD and wall-clock time. A <see langword="null"/> limit is no limit. When a limit is reached the run ends cleanly
/// with <see cref="AgentRunStatus.BudgetExceeded"/> and <see cref="AgentRunOutcome.ExceededBudget"/> says which.
/// </summary>
/// <remarks>
/// <para>Immutable: one instance can serve many runs. Each run starts with nothing spent.</para>
/// <para><b>Ceilings.</b> <see cref="MaxEstimatedCostUsd"/>, <see cref="MaxTotalTokens"/>, <see cref="MaxInputTokens"/> and
/// <see cref="MaxOutputTokens"/> are checked before each model call against the call's worst case, not only against what is
/// already spent: its input tokens are estimated (the previous call's reported <c>prompt_tokens</c> plus an
/// <see cref="ITokenEstimator"/>'s estimate of what was added since), its output is at most the <c>max_tokens</c> sent,
/// which <see cref="RunLedgerChatClient"/> lowers so the worst case fits what is left. When not even
/// <see cref="MinimumAnswerTokens"/> fit, the call is not sent. The cost ceiling needs the model's prices
/// (<see cref="RunLedgerChatClient.Pricing"/> or <see cref="RunLedgerChatClient.ModelCatalog"/>); without them it is
/// checked against what is spent only, so a run can overshoot it by one call.</para>
/// <para>The run never exceeds a ceiling when: the prices are DeepInfra's billing prices, the estimator does not
/// underestimate the prompt (the default <see cref="ConservativeTokenEstimator"/> counts every UTF-8 byte of text as a
/// token), and the server generates no more than <c>max_tokens</c>.</para>
/// <para><see cref="MaxModelCalls"/> and <see cref="MaxDuration"/> are checked before each model call, <see cref="MaxToolCalls"/>
/// and <see cref="MaxDuration"/> before each tool call: a tool the budget does not allow is not run, the model gets an error
/// result for it, and the run ends before the next model call.</para>
/// </remarks>
public sealed class AgentBudget
{
    private readonly int? _maxModelCalls;
    private readonly long? _maxTotalTokens;
    private readonly double? _maxEstimatedCostUsd;
    private readonly int? _maxToolCalls;
    private readonly long? _maxInputTokens;
    private readonly long? _maxOutputTokens;
    private readonly TimeSpan? _maxDuration;
    private readonly int _minimumAnswerTokens = 64;

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

    /// <summary>Gets the most tool calls the loop runs per run, or <see langword="null"/> for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int? MaxToolCalls
    {
        get => _maxToolCalls;
        init => _maxToolCalls = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(MaxToolCalls), value, "A tool-call budget cannot be negative.") : value;
    }

    /// <summary>Gets the most input (prompt) tokens over all model calls of a run, or <see langword="null"/> for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? MaxInputTokens
    {
        get => _maxInputTokens;
        init => _maxInputTokens = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(MaxInputTokens), value, "A token budget cannot be negative.") : value;
    }

    /// <summary>Gets the most output (completion) tokens over all model calls of a run, or <see langword="null"/> for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? MaxOutputTokens
    {
        get => _maxOutputTokens;
        init => _maxOutputTokens = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), value, "A token budget cannot be negative.") : value;
    }

    /// <summary>
    /// Gets the most wall-clock time per run, or <see langword="null"/> for no limit. Checked before each model call and
    /// each tool call; a call under way is not interrupted (use a <c>CancellationToken</c> for that).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? MaxDuration
    {
        get => _maxDuration;
        init => _maxDuration = value is TimeSpan d && d <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(MaxDuration), value, "A time budget must be positive.")
            : value;
    }

    /// <summary>
    /// Gets the fewest output tokens worth a model call: when a ceiling leaves room for fewer, the call is not sent and
    /// the run ends with <see cref="AgentRunStatus.BudgetExceeded"/>. The default is 64.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MinimumAnswerTokens
    {
        get => _minimumAnswerTokens;
        init => _minimumAnswerTokens = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinimumAnswerTokens), value, "A minimal answer needs at least 1 token.");
    }

    /// <summary>Gets a value indicating whether a limit caps what the next model call may use (cost or tokens), so its worst case is projected.</summary>
    internal bool HasCeiling => MaxEstimatedCostUsd is not null || MaxTotalTokens is not null || MaxInputTokens is not null || MaxOutputTokens is not null;

    /// <summary>Describes the limits, e.g. <c>5 model calls, 20000 tokens, $0.01</c>.</summary>
    /// <returns>The description; <c>unlimited</c> when no limit is set.</returns>
    public override string ToString()
    {
        var parts = new List<string>(7);
        if (MaxModelCalls is int calls)
        {
            parts.Add(calls == 1 ? "1 model call" : $"{calls.ToString(CultureInfo.InvariantCulture)} model calls");
        }

        if (MaxToolCalls is int toolCalls)
        {
            parts.Add(toolCalls == 1 ? "1 tool call" : $"{toolCalls.ToString(CultureInfo.InvariantCulture)} tool calls");
        }

        if (MaxTotalTokens is long tokens)
        {
            parts.Add($"{tokens.ToString(CultureInfo.InvariantCulture)} tokens");
        }

        if (MaxInputTokens is long input)
        {
            parts.Add($"{input.ToString(CultureInfo.InvariantCulture)} input tokens");
        }

        if (MaxOutputTokens is long output)
        {
            parts.Add($"{output.ToString(CultureInfo.InvariantCulture)} output tokens");
        }

        if (MaxEstimatedCostUsd is double cost)
        {
            parts.Add(Usd.Format(cost));
        }

        if (MaxDuration is TimeSpan duration)
        {
            parts.Add($"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }

        return parts.Count == 0 ? "unlimited" : string.Join(", ", parts);
    }
}
