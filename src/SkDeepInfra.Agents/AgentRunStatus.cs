namespace SkDeepInfra.Agents;

/// <summary>How an agent run ended. Every status but <see cref="Completed"/> leaves a conversation that can be continued.</summary>
public enum AgentRunStatus
{
    /// <summary>The model gave its answer: the last model call asked for no tools.</summary>
    Completed,

    /// <summary>
    /// A limit of the run's <see cref="AgentBudget"/> was reached; <see cref="AgentRunOutcome.ExceededBudget"/> says which.
    /// The conversation ends with the last tool results; continue it (for example with a new budget) without a new user message.
    /// </summary>
    BudgetExceeded,

    /// <summary>
    /// <c>MaximumConsecutiveErrorsPerRequest</c> tool rounds in a row had a failed tool call. Every tool call has its
    /// (error) result in the conversation.
    /// </summary>
    ConsecutiveErrorLimit,

    /// <summary>
    /// <c>MaximumIterationsPerRequest</c> model calls were made and the model still wanted tools. The conversation ends with
    /// the last tool results.
    /// </summary>
    IterationLimit,

    /// <summary>
    /// The model called tools that require approval; <see cref="AgentRunOutcome.PendingApprovals"/> lists them. Answer each
    /// with <c>ToolApprovalRequestContent.CreateResponse</c> in a user message to resume.
    /// </summary>
    AwaitingApproval,

    /// <summary>The model called tools that are declarations only (not invocable here); the caller must send their results.</summary>
    AwaitingToolResults,

    /// <summary>
    /// The model's structured answers kept breaking the response's JSON schema after every repair attempt
    /// (<see cref="StructuredOutputChatClient.MaximumRepairAttempts"/>); <see cref="AgentRunOutcome.ValidationErrors"/> says
    /// what was wrong with the last one, which is the response's text.
    /// </summary>
    InvalidStructuredOutput,

    /// <summary>
    /// A guardrail tripped; <see cref="AgentRunOutcome.TrippedGuardrail"/> names it and <see cref="AgentRunOutcome.Message"/>
    /// gives its reason. A tripped input stops the run before any answer; a tripped answer is not in the response.
    /// </summary>
    GuardrailTripped,
}
