using System.Collections.Generic;
using Orleans;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>What one run of a conversation returned: the answer, how the run ended, the approvals it waits for, and what it spent.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.ConversationReply")]
public sealed class ConversationReply
{
    /// <summary>Gets the text the agent answered with (empty when the run paused or stopped before answering).</summary>
    [Id(0)]
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets how the run ended.</summary>
    [Id(1)]
    public AgentRunStatus Status { get; init; }

    /// <summary>Gets the run outcome's one-sentence explanation (<see cref="AgentRunOutcome.Message"/>).</summary>
    [Id(2)]
    public string OutcomeMessage { get; init; } = string.Empty;

    /// <summary>Gets the limit that stopped the run when <see cref="Status"/> is <see cref="AgentRunStatus.BudgetExceeded"/>.</summary>
    [Id(3)]
    public AgentBudgetKind? ExceededBudget { get; init; }

    /// <summary>Gets the tool calls that wait for approval; answer them with <see cref="IDeepInfraAgentCluster.AnswerApprovalsAsync"/>.</summary>
    [Id(4)]
    public IReadOnlyList<PendingApproval> PendingApprovals { get; init; } = [];

    /// <summary>Gets the run's ledger summary (<see cref="AgentRunLedger.ToString"/>), e.g. <c>2 model calls, 1 tool call (0 failed), 310 tokens, $0.0000093</c>.</summary>
    [Id(5)]
    public string Ledger { get; init; } = string.Empty;

    /// <summary>Gets DeepInfra's estimated cost of the run in USD.</summary>
    [Id(6)]
    public double EstimatedCostUsd { get; init; }

    /// <summary>Gets how many messages the conversation holds after the run.</summary>
    [Id(7)]
    public int MessageCount { get; init; }

    /// <summary>Returns the status and the outcome message.</summary>
    /// <returns>For example <c>Completed: The run completed: the model answered without asking for more tools.</c></returns>
    public override string ToString() => ExceededBudget is AgentBudgetKind kind ? $"{Status} ({kind}): {OutcomeMessage}" : $"{Status}: {OutcomeMessage}";
}
