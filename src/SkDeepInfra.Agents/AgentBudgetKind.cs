namespace SkDeepInfra.Agents;

/// <summary>Which limit of an <see cref="AgentBudget"/> ended a run.</summary>
public enum AgentBudgetKind
{
    /// <summary><see cref="AgentBudget.MaxModelCalls"/>: the run made as many model calls as allowed.</summary>
    ModelCalls,

    /// <summary><see cref="AgentBudget.MaxTotalTokens"/>: the run used as many tokens as allowed.</summary>
    TotalTokens,

    /// <summary><see cref="AgentBudget.MaxEstimatedCostUsd"/>: the run spent as much as allowed.</summary>
    EstimatedCost,
}
