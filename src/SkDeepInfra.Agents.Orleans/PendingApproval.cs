using Orleans;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>A tool call of a conversation that waits for a person's approval.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.PendingApproval")]
public sealed class PendingApproval
{
    /// <summary>Gets the approval request's id, to answer it with an <see cref="ApprovalDecision"/>.</summary>
    [Id(0)]
    public string RequestId { get; init; } = string.Empty;

    /// <summary>Gets the tool's name.</summary>
    [Id(1)]
    public string ToolName { get; init; } = string.Empty;

    /// <summary>Gets the call's arguments as a JSON object.</summary>
    [Id(2)]
    public string ArgumentsJson { get; init; } = "{}";

    /// <summary>Describes the call, e.g. <c>refund_order({"order":1042})</c>.</summary>
    /// <returns>The tool name and its arguments.</returns>
    public override string ToString() => $"{ToolName}({ArgumentsJson})";
}
