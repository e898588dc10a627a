using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>One model call of an agent run, as the run ledger recorded it.</summary>
public sealed class ModelCallRecord
{
    /// <summary>Initializes a new instance of the <see cref="ModelCallRecord"/> class.</summary>
    /// <param name="index">The call's position in its run, from 1.</param>
    /// <param name="modelId">The model that answered, when the reply named it.</param>
    /// <param name="inputTokens">Prompt tokens, when reported.</param>
    /// <param name="outputTokens">Completion tokens, when reported.</param>
    /// <param name="totalTokens">All tokens, when reported.</param>
    /// <param name="estimatedCostUsd">DeepInfra's <c>estimated_cost</c>, when reported; else the reported usage at the model's known prices.</param>
    /// <param name="duration">From sending the request to the end of the reply (or stream).</param>
    /// <param name="toolCalls">The names of the tools the model called, in order.</param>
    /// <param name="toolCallsRecoveredFromText">Whether the tool calls were written as text and recovered.</param>
    [JsonConstructor]
    public ModelCallRecord(int index, string? modelId, long? inputTokens, long? outputTokens, long? totalTokens, double? estimatedCostUsd, TimeSpan duration, IReadOnlyList<string>? toolCalls, bool toolCallsRecoveredFromText)
    {
        Index = index;
        ModelId = modelId;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        TotalTokens = totalTokens ?? (inputTokens is null && outputTokens is null ? null : (inputTokens ?? 0) + (outputTokens ?? 0));
        EstimatedCostUsd = estimatedCostUsd;
        Duration = duration;
        ToolCalls = toolCalls ?? [];
        ToolCallsRecoveredFromText = toolCallsRecoveredFromText;
    }

    /// <summary>Gets the call's position in its run, from 1.</summary>
    public int Index { get; }

    /// <summary>Gets the model that answered, when the reply named it.</summary>
    public string? ModelId { get; }

    /// <summary>Gets the prompt tokens, when reported.</summary>
    public long? InputTokens { get; }

    /// <summary>Gets the completion tokens, when reported.</summary>
    public long? OutputTokens { get; }

    /// <summary>Gets all tokens: the reported total, else input plus output; <see langword="null"/> when nothing was reported.</summary>
    public long? TotalTokens { get; }

    /// <summary>Gets DeepInfra's estimated cost of the call in USD, when reported; else the reported usage at the model's prices, when the ledger knows them.</summary>
    public double? EstimatedCostUsd { get; }

    /// <summary>Gets the time from sending the request to the end of the reply (or of the stream).</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets the names of the tools the model called, in order; empty when it called none.</summary>
    public IReadOnlyList<string> ToolCalls { get; }

    /// <summary>Gets a value indicating whether the model wrote its tool calls as text and they were recovered.</summary>
    public bool ToolCallsRecoveredFromText { get; }

    /// <summary>Describes the call, e.g. <c>model call 1: 120 tokens, $0.0000024, 35 ms, tools: get_weather</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string tokens = TotalTokens is long t ? $"{t.ToString(CultureInfo.InvariantCulture)} tokens" : "tokens unknown";
        string cost = EstimatedCostUsd is double c ? Usd.Format(c) : "cost unknown";
        string tools = ToolCalls.Count == 0 ? "no tools" : "tools: " + string.Join(", ", ToolCalls) + (ToolCallsRecoveredFromText ? " (recovered from text)" : string.Empty);
        return $"model call {Index.ToString(CultureInfo.InvariantCulture)}: {tokens}, {cost}, {Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms, {tools}";
    }
}
