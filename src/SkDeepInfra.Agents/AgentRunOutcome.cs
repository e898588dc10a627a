using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents;

/// <summary>
/// How an agent run ended, typed: <see cref="Status"/>, the budget limit that stopped it, and the approvals it waits for.
/// Found on the run's result with <see cref="AgentRunExtensions.GetRunOutcome(ChatResponse)"/> (and its overloads for
/// agent responses and streamed updates).
/// </summary>
public sealed class AgentRunOutcome
{
    private static readonly ToolApprovalRequestContent[] s_noApprovals = [];

    private AgentRunOutcome(AgentRunStatus status, string message, AgentBudgetKind? exceededBudget = null, IReadOnlyList<ToolApprovalRequestContent>? pendingApprovals = null, string? validationErrors = null, string? trippedGuardrail = null)
    {
        Status = status;
        TrippedGuardrail = trippedGuardrail;
        ValidationErrors = validationErrors;
        Message = message;
        ExceededBudget = exceededBudget;
        PendingApprovals = pendingApprovals ?? s_noApprovals;
    }

    /// <summary>Gets how the run ended.</summary>
    public AgentRunStatus Status { get; }

    /// <summary>Gets the limit that ended the run when <see cref="Status"/> is <see cref="AgentRunStatus.BudgetExceeded"/>; otherwise <see langword="null"/>.</summary>
    public AgentBudgetKind? ExceededBudget { get; }

    /// <summary>Gets the approval requests the run waits for (empty unless <see cref="Status"/> is <see cref="AgentRunStatus.AwaitingApproval"/>).</summary>
    /// <remarks>
    /// Read from a response, these are the requests in that response. (When the model calls several tools at once and one
    /// needs approval, the tool loop asks about all of them; a <c>ChatClientAgent</c> approves by itself those for tools
    /// that need no approval, and they are left out.) On a streamed update, which cannot tell, they are all the loop's
    /// requests: read the outcome from <c>updates.ToAgentResponse()</c> instead.
    /// </remarks>
    public IReadOnlyList<ToolApprovalRequestContent> PendingApprovals { get; }

    /// <summary>
    /// Gets what was wrong with the model's last structured answer when <see cref="Status"/> is
    /// <see cref="AgentRunStatus.InvalidStructuredOutput"/>, e.g. <c>missing required property "city"</c>; otherwise <see langword="null"/>.
    /// </summary>
    public string? ValidationErrors { get; }

    /// <summary>Gets the name of the guardrail that ended the run when <see cref="Status"/> is <see cref="AgentRunStatus.GuardrailTripped"/>; otherwise <see langword="null"/>.</summary>
    public string? TrippedGuardrail { get; }

    /// <summary>Gets a one-sentence explanation, e.g. <c>The run stopped before model call 4: its budget of 3 model calls is spent.</c></summary>
    public string Message { get; }

    /// <summary>Gets a value indicating whether the model gave its answer (<see cref="AgentRunStatus.Completed"/>).</summary>
    public bool IsCompleted => Status == AgentRunStatus.Completed;

    /// <summary>Returns <see cref="Status"/>, the exceeded budget when there is one, and <see cref="Message"/>.</summary>
    /// <returns>For example <c>BudgetExceeded (ModelCalls): The run stopped before model call 4: its budget of 3 model calls is spent.</c></returns>
    public override string ToString() =>
        ExceededBudget is AgentBudgetKind kind ? $"{Status} ({kind}): {Message}" : $"{Status}: {Message}";

    internal static AgentRunOutcome Completed() => new(AgentRunStatus.Completed, "The run completed: the model answered without asking for more tools.");

    internal static AgentRunOutcome BudgetExceeded(AgentBudgetKind kind, int nextCall, string spent) =>
        new(AgentRunStatus.BudgetExceeded, $"The run stopped before model call {Count(nextCall)}: {spent}.", kind);

    internal static AgentRunOutcome ToolBudgetExceeded(AgentBudgetKind kind, string spent) =>
        new(AgentRunStatus.BudgetExceeded, $"The run stopped before a tool call: {spent}.", kind);

    internal static AgentRunOutcome InvalidStructuredOutput(int answers, string problem) =>
        new(AgentRunStatus.InvalidStructuredOutput, $"The run stopped after {Count(answers)} answers that do not match the response's JSON schema; the last one: {problem}.", validationErrors: problem);

    internal static AgentRunOutcome GuardrailTripped(string name, GuardrailStage stage, string reason) =>
        new(AgentRunStatus.GuardrailTripped, $"The {(stage == GuardrailStage.Input ? "input" : "answer")} guardrail \"{name}\" tripped: {reason}", trippedGuardrail: name);

    internal static AgentRunOutcome ConsecutiveErrors(int rounds) =>
        new(AgentRunStatus.ConsecutiveErrorLimit, $"The run stopped after {Count(rounds)} consecutive tool rounds with errors (MaximumConsecutiveErrorsPerRequest).");

    internal static AgentRunOutcome IterationLimit(int calls) =>
        new(AgentRunStatus.IterationLimit, $"The run stopped after {Count(calls)} model calls (MaximumIterationsPerRequest) while the model still wanted tools.");

    internal static AgentRunOutcome AwaitingApproval(IReadOnlyList<ToolApprovalRequestContent> requests) =>
        new(AgentRunStatus.AwaitingApproval, $"The run is waiting for approval of {Calls(requests.Count)}: {Names(requests.Select(r => r.ToolCall))}.", pendingApprovals: requests);

    internal static AgentRunOutcome AwaitingToolResults(IReadOnlyList<FunctionCallContent> calls) =>
        new(AgentRunStatus.AwaitingToolResults, $"The run returned {Calls(calls.Count)} for the caller to answer: {Names(calls)}.");

    /// <summary>Keeps only the pending approvals that <paramref name="messages"/> still ask for.</summary>
    internal AgentRunOutcome ShownIn(IEnumerable<ChatMessage> messages)
    {
        if (PendingApprovals.Count == 0)
        {
            return this;
        }

        var shown = new HashSet<string>(messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().Select(r => r.RequestId), StringComparer.Ordinal);
        ToolApprovalRequestContent[] kept = PendingApprovals.Where(r => shown.Contains(r.RequestId)).ToArray();
        return kept.Length == 0 || kept.Length == PendingApprovals.Count ? this : AwaitingApproval(kept);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Calls(int count) => count == 1 ? "1 tool call" : $"{Count(count)} tool calls";

    private static string Names(IEnumerable<ToolCallContent> calls) =>
        string.Join(", ", calls.Select(c => c is FunctionCallContent function ? function.Name : c.CallId));
}
