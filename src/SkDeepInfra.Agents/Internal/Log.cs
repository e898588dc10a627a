using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Agents.Internal;

/// <summary>Source-generated log messages of the agent layer. Tool arguments and results are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Agent run started: budget {Budget}, {ToolCount} tools offered.")]
    public static partial void RunStarted(ILogger logger, string budget, int toolCount);

    [LoggerMessage(2, LogLevel.Debug, "Model call {Index}: model {ModelId}, {TotalTokens} tokens, estimated cost {EstimatedCost} USD, {DurationMs} ms, {ToolCallCount} tool calls.")]
    public static partial void ModelCallRecorded(ILogger logger, int index, string? modelId, long? totalTokens, double? estimatedCost, long durationMs, int toolCallCount);

    [LoggerMessage(3, LogLevel.Debug, "Tool call {Name} ({CallId}) after model call {ModelCall}: succeeded {Succeeded}, {DurationMs} ms.")]
    public static partial void ToolCallRecorded(ILogger logger, string name, string callId, int modelCall, bool succeeded, long durationMs);

    [LoggerMessage(4, LogLevel.Warning, "Agent run stopped before a model call: {Outcome}")]
    public static partial void RunStopped(ILogger logger, string outcome);

    [LoggerMessage(5, LogLevel.Information, "Agent run finished ({Status}): {ModelCalls} model calls, {ToolCalls} tool calls ({FailedToolCalls} failed), {TotalTokens} tokens, estimated cost {EstimatedCost} USD, {DurationMs} ms.")]
    public static partial void RunFinished(ILogger logger, AgentRunStatus status, int modelCalls, int toolCalls, int failedToolCalls, long totalTokens, double estimatedCost, long durationMs);

    [LoggerMessage(6, LogLevel.Information, "Recovered {Count} tool call(s) the model wrote as text: {Names}.")]
    public static partial void ToolCallsRecovered(ILogger logger, int count, string names);

    [LoggerMessage(7, LogLevel.Warning, "Agent run failed ({Exception}) after {ModelCalls} model calls and {ToolCalls} tool calls, {TotalTokens} tokens, estimated cost {EstimatedCost} USD, {DurationMs} ms.")]
    public static partial void RunFailed(ILogger logger, string exception, int modelCalls, int toolCalls, long totalTokens, double estimatedCost, long durationMs);

    [LoggerMessage(8, LogLevel.Debug, "Model call {Index}: max_tokens lowered to {MaxTokens} to keep the run inside its budget.")]
    public static partial void MaxTokensLowered(ILogger logger, int index, int maxTokens);

    [LoggerMessage(9, LogLevel.Warning, "The model catalog could not be read for {ModelId} ({Reason}); the call's cost is not projected.")]
    public static partial void CatalogUnavailable(ILogger logger, string modelId, string reason);

    [LoggerMessage(10, LogLevel.Information, "Structured answer {Answer} does not match the response schema: {Problem}.")]
    public static partial void StructuredAnswerRejected(ILogger logger, int answer, string problem);

    [LoggerMessage(11, LogLevel.Information, "Guardrail {Name} ({Stage}): {Action} {Reason}")]
    public static partial void GuardrailVerdict(ILogger logger, string name, GuardrailStage stage, GuardrailAction action, string? reason);
}
