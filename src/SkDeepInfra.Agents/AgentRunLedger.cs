using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// What one agent run did: every model call (usage, estimated cost, duration, the tools it called) and every tool call
/// (duration, success), with totals. Found on the run's result with <see cref="AgentRunExtensions.GetRunLedger(Microsoft.Extensions.AI.ChatResponse)"/>;
/// an agent session keeps the ledger of each of its runs (<see cref="AgentRunExtensions.GetRunLedgers"/>).
/// </summary>
public sealed class AgentRunLedger
{
    /// <summary>Initializes a new instance of the <see cref="AgentRunLedger"/> class.</summary>
    /// <param name="modelCalls">The model calls, in order.</param>
    /// <param name="toolCalls">The tool calls, in the order the model asked for them.</param>
    /// <param name="duration">The run's wall-clock time.</param>
    public AgentRunLedger(IReadOnlyList<ModelCallRecord>? modelCalls, IReadOnlyList<ToolCallRecord>? toolCalls, TimeSpan duration)
        : this(modelCalls, toolCalls, duration, guardrails: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AgentRunLedger"/> class.</summary>
    /// <param name="modelCalls">The model calls, in order.</param>
    /// <param name="toolCalls">The tool calls, in the order the model asked for them.</param>
    /// <param name="duration">The run's wall-clock time.</param>
    /// <param name="guardrails">The guardrail verdicts, in order.</param>
    [JsonConstructor]
    public AgentRunLedger(IReadOnlyList<ModelCallRecord>? modelCalls, IReadOnlyList<ToolCallRecord>? toolCalls, TimeSpan duration, IReadOnlyList<GuardrailRecord>? guardrails)
    {
        ModelCalls = modelCalls ?? [];
        ToolCalls = toolCalls ?? [];
        Duration = duration;
        Guardrails = guardrails ?? [];
    }

    /// <summary>Gets the model calls, in order.</summary>
    public IReadOnlyList<ModelCallRecord> ModelCalls { get; }

    /// <summary>Gets the tool calls, in the order the model asked for them.</summary>
    public IReadOnlyList<ToolCallRecord> ToolCalls { get; }

    /// <summary>Gets the run's wall-clock time.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets every guardrail verdict of the run, in order (passes included).</summary>
    public IReadOnlyList<GuardrailRecord> Guardrails { get; }

    /// <summary>Gets the number of tool calls that failed.</summary>
    [JsonIgnore]
    public int FailedToolCalls => ToolCalls.Count(t => !t.Succeeded);

    /// <summary>Gets the prompt tokens over all model calls (calls without usage count as zero).</summary>
    [JsonIgnore]
    public long InputTokens => ModelCalls.Sum(c => c.InputTokens ?? 0);

    /// <summary>Gets the completion tokens over all model calls.</summary>
    [JsonIgnore]
    public long OutputTokens => ModelCalls.Sum(c => c.OutputTokens ?? 0);

    /// <summary>Gets all tokens over all model calls: what <see cref="AgentBudget.MaxTotalTokens"/> is checked against.</summary>
    [JsonIgnore]
    public long TotalTokens => ModelCalls.Sum(c => c.TotalTokens ?? 0);

    /// <summary>Gets DeepInfra's estimated cost over all model calls in USD: what <see cref="AgentBudget.MaxEstimatedCostUsd"/> is checked against.</summary>
    [JsonIgnore]
    public double EstimatedCostUsd => ModelCalls.Sum(c => c.EstimatedCostUsd ?? 0);

    /// <summary>Gets the time spent waiting for the model.</summary>
    [JsonIgnore]
    public TimeSpan ModelDuration => TimeSpan.FromTicks(ModelCalls.Sum(c => c.Duration.Ticks));

    /// <summary>Gets the time spent in tools (concurrent calls overlap, so this can exceed the wall-clock time).</summary>
    [JsonIgnore]
    public TimeSpan ToolDuration => TimeSpan.FromTicks(ToolCalls.Sum(c => c.Duration.Ticks));

    /// <summary>Summarises the totals, e.g. <c>3 model calls, 2 tool calls (0 failed), 512 tokens, $0.0000102</c>.</summary>
    /// <returns>The summary (no durations, so it is stable across runs of the same conversation).</returns>
    public override string ToString() =>
        $"{Plural(ModelCalls.Count, "model call")}, {Plural(ToolCalls.Count, "tool call")} ({FailedToolCalls.ToString(CultureInfo.InvariantCulture)} failed), " +
        $"{TotalTokens.ToString(CultureInfo.InvariantCulture)} tokens, {Usd.Format(EstimatedCostUsd)}";

    private static string Plural(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";
}
