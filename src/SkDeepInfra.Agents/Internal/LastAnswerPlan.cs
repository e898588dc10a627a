using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// How a run that hits a limit gets one last answer: a model call without tools, with <see cref="Instruction"/> appended,
/// whose worst case is kept aside from the run's ceilings from its first call on.
/// </summary>
/// <param name="MaxTokens">The <c>max_tokens</c> of the last answer.</param>
/// <param name="Instruction">What the model is asked to do in the last answer.</param>
internal sealed record LastAnswerPlan(int MaxTokens, string Instruction)
{
    /// <summary>Gets a value indicating whether a run stopped with <paramref name="stop"/> gets a last answer: budget limits except time, and the iteration limit.</summary>
    public static bool Covers(AgentRunOutcome stop) =>
        stop.Status == AgentRunStatus.IterationLimit
        || (stop.Status == AgentRunStatus.BudgetExceeded && stop.ExceededBudget != AgentBudgetKind.Duration);

    /// <summary>
    /// What a normal call must treat as already spent: the run's spend plus the last answer's worst case, if it came right
    /// after the call (the call's input and the instruction as its input, the larger of <see cref="MaxTokens"/> and the
    /// budget's minimal answer as its output).
    /// </summary>
    public RunSpend WithReserve(RunSpend spent, long inputEstimate, ITokenEstimator estimator, AgentBudget budget, DeepInfraModelPricing? pricing)
    {
        long input = inputEstimate + estimator.EstimateInputTokens([InstructionMessage()], options: null);
        long output = System.Math.Max(MaxTokens, budget.MinimumAnswerTokens);
        return new RunSpend(spent.InputTokens + input, spent.OutputTokens + output, spent.TotalTokens + input + output,
            spent.CostUsd + (CallCeiling.CostAt(pricing, input, output) ?? 0));
    }

    /// <summary>The last answer's request: the conversation so far and the instruction, with the options' tools removed and <c>max_tokens</c> at most <see cref="MaxTokens"/>.</summary>
    public (List<ChatMessage> Messages, ChatOptions Options) Request(IEnumerable<ChatMessage> messages, IEnumerable<ChatMessage> responseMessages, ChatOptions? options)
    {
        var request = new List<ChatMessage>(messages);
        request.AddRange(responseMessages);
        request.Add(InstructionMessage());

        ChatOptions lastOptions = options?.Clone() ?? new ChatOptions();
        lastOptions.Tools = null;
        lastOptions.ToolMode = null;
        lastOptions.AllowMultipleToolCalls = null;
        lastOptions.MaxOutputTokens = lastOptions.MaxOutputTokens is int asked && asked < MaxTokens ? asked : MaxTokens;
        return (request, lastOptions);
    }

    private ChatMessage InstructionMessage() => new(ChatRole.User, Instruction);
}
