using System.Collections.Generic;
using Orleans;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>A stored conversation as its last completed run (or approval pause) left it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.ConversationSnapshot")]
public sealed class ConversationSnapshot
{
    /// <summary>Gets the conversation's id within its tenant.</summary>
    [Id(0)]
    public string ConversationId { get; init; } = string.Empty;

    /// <summary>Gets the name of the agent that runs the conversation.</summary>
    [Id(1)]
    public string AgentName { get; init; } = string.Empty;

    /// <summary>Gets the messages, oldest first.</summary>
    [Id(2)]
    public IReadOnlyList<ConversationMessage> Messages { get; init; } = [];

    /// <summary>Gets the tool calls that wait for approval.</summary>
    [Id(3)]
    public IReadOnlyList<PendingApproval> PendingApprovals { get; init; } = [];

    /// <summary>Gets the number of completed runs (one ledger each).</summary>
    [Id(4)]
    public int Runs { get; init; }

    /// <summary>Gets DeepInfra's estimated cost of all runs in USD.</summary>
    [Id(5)]
    public double EstimatedCostUsd { get; init; }
}
