namespace SkDeepInfra.Testing.Wire;

/// <summary>An embeddings response's usage: prompt and total tokens (equal) and DeepInfra's <c>estimated_cost</c> in USD.</summary>
internal sealed class WireEmbeddingUsage
{
    public int PromptTokens { get; init; }

    public int TotalTokens { get; init; }

    public decimal EstimatedCost { get; init; }
}
