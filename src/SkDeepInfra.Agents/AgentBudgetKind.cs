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

    /// <summary><see cref="AgentBudget.MaxToolCalls"/>: the model asked for more tool calls than allowed.</summary>
    ToolCalls,

    /// <summary><see cref="AgentBudget.MaxInputTokens"/>: the run used (or the next call would use) as many input tokens as allowed.</summary>
    InputTokens,

    /// <summary><see cref="AgentBudget.MaxOutputTokens"/>: the run used as many output tokens as allowed.</summary>
    OutputTokens,

    /// <summary><see cref="AgentBudget.MaxDuration"/>: the run took as long as allowed.</summary>
    Duration,
}
