using System;
using System.Globalization;

namespace SkDeepInfra.Agents.Internal;

/// <summary>What a run has spent so far, as its budget counts it (unreported usage is charged at its worst case).</summary>
internal readonly record struct RunSpend(long InputTokens, long OutputTokens, long TotalTokens, decimal CostUsd);

/// <summary>
/// Projects a model call's worst case against a budget's ceilings: the estimated input, plus the most output the call may
/// generate. Returns the <c>max_tokens</c> that keeps the worst case inside every ceiling, or the outcome that ends the run
/// when not even the minimal answer fits.
/// </summary>
internal static class CallCeiling
{
    private const decimal PerMillion = 1_000_000m;

    /// <param name="budget">The run's budget.</param>
    /// <param name="spent">What the run has spent.</param>
    /// <param name="inputEstimate">The call's estimated input tokens.</param>
    /// <param name="pricing">The model's prices, or <see langword="null"/> when unknown (the cost ceiling is then not projected).</param>
    /// <param name="requestedMaxTokens">The <c>max_tokens</c> the request asks for, if any.</param>
    /// <param name="modelMaxTokens">The most the model generates when no <c>max_tokens</c> is sent, when known.</param>
    /// <param name="nextCall">The call's position in the run, from 1.</param>
    /// <returns>The stop outcome, or the <c>max_tokens</c> to send (<see langword="null"/> to leave the request as it is).</returns>
    public static (AgentRunOutcome? Stop, int? MaxTokens) Plan(
        AgentBudget budget, RunSpend spent, long inputEstimate, DeepInfraModelPricing? pricing, int? requestedMaxTokens, int? modelMaxTokens, int nextCall)
    {
        if (budget.MaxInputTokens is long maxInput && spent.InputTokens + inputEstimate > maxInput)
        {
            return (AgentRunOutcome.BudgetExceeded(AgentBudgetKind.InputTokens, nextCall,
                $"its input (about {Invariant(inputEstimate)} tokens) does not fit the {Invariant(Math.Max(0, maxInput - spent.InputTokens))} left of its {Invariant(maxInput)} input tokens"), null);
        }

        // The description of what is left is only needed when the run stops, so it is written then, for the narrowest ceiling.
        long? room = null;
        AgentBudgetKind kind = AgentBudgetKind.TotalTokens;
        if (budget.MaxTotalTokens is long maxTotal)
        {
            Narrow(ref room, ref kind, maxTotal - spent.TotalTokens - inputEstimate, AgentBudgetKind.TotalTokens);
        }

        if (budget.MaxOutputTokens is long maxOutput)
        {
            Narrow(ref room, ref kind, maxOutput - spent.OutputTokens, AgentBudgetKind.OutputTokens);
        }

        decimal remaining = 0;
        if (budget.MaxEstimatedCostUsd is double maxCost && pricing?.InputPerMillionTokens is decimal inputPrice && pricing.OutputPerMillionTokens is decimal outputPrice)
        {
            remaining = ToDecimal(maxCost) - spent.CostUsd;
            decimal afterInput = remaining - (inputEstimate * inputPrice / PerMillion);
            if (afterInput < 0)
            {
                Narrow(ref room, ref kind, -1, AgentBudgetKind.EstimatedCost);
            }
            else if (outputPrice > 0)
            {
                decimal tokens = Math.Floor(afterInput * PerMillion / outputPrice);
                Narrow(ref room, ref kind, tokens >= long.MaxValue ? long.MaxValue : (long)tokens, AgentBudgetKind.EstimatedCost);
            }
        }

        if (room is not long affordable)
        {
            return (null, null);
        }

        if (affordable < budget.MinimumAnswerTokens)
        {
            return (AgentRunOutcome.BudgetExceeded(kind, nextCall,
                $"its worst case (about {Invariant(inputEstimate)} input tokens and at least {Invariant(budget.MinimumAnswerTokens)} output tokens) does not fit the {Left(budget, spent, kind, remaining)}"), null);
        }

        int? cap = requestedMaxTokens ?? modelMaxTokens;
        return cap is int c && c <= affordable ? (null, null) : (null, (int)Math.Min(affordable, int.MaxValue));
    }

    /// <summary>The cost of a call at <paramref name="pricing"/>, or <see langword="null"/> when a needed price is unknown.</summary>
    public static decimal? CostAt(DeepInfraModelPricing? pricing, long inputTokens, long outputTokens) =>
        pricing?.EstimateCost(Math.Max(0, inputTokens), Math.Max(0, outputTokens));

    public static decimal ToDecimal(double usd) => usd <= 0 || double.IsNaN(usd) ? 0 : usd >= 7.9e27 ? decimal.MaxValue : (decimal)usd;

    /// <summary>Keeps the smaller room; on a tie the ceiling narrowed first stands.</summary>
    private static void Narrow(ref long? room, ref AgentBudgetKind kind, long candidate, AgentBudgetKind candidateKind)
    {
        if (room is null || candidate < room)
        {
            room = candidate;
            kind = candidateKind;
        }
    }

    /// <summary>What is left of the ceiling of <paramref name="kind"/>, as the stop outcome describes it.</summary>
    private static string Left(AgentBudget budget, RunSpend spent, AgentBudgetKind kind, decimal remainingCost) => kind switch
    {
        AgentBudgetKind.OutputTokens =>
            $"{Invariant(Math.Max(0, budget.MaxOutputTokens!.Value - spent.OutputTokens))} left of its {Invariant(budget.MaxOutputTokens.Value)} output tokens",
        AgentBudgetKind.EstimatedCost =>
            $"{Usd.Format((double)Math.Max(0, remainingCost))} left of its {Usd.Format(budget.MaxEstimatedCostUsd!.Value)} estimated cost",
        _ => $"{Invariant(Math.Max(0, budget.MaxTotalTokens!.Value - spent.TotalTokens))} left of its {Invariant(budget.MaxTotalTokens.Value)} tokens",
    };

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
