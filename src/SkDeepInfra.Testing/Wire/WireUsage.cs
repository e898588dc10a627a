namespace SkDeepInfra.Testing.Wire;

/// <summary>Token counts and DeepInfra's <c>estimated_cost</c> in USD.</summary>
internal sealed class WireUsage
{
    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public int TotalTokens { get; init; }

    public decimal EstimatedCost { get; init; }
}
