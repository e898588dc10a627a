namespace SkDeepInfra.Internal.Wire;

/// <summary>Token counts and DeepInfra's <c>estimated_cost</c> in USD.</summary>
internal sealed class WireUsage
{
    public int? PromptTokens { get; set; }
    public int? CompletionTokens { get; set; }
    public int? TotalTokens { get; set; }
    public double? EstimatedCost { get; set; }
    public WireCompletionTokensDetails? CompletionTokensDetails { get; set; }
    public WirePromptTokensDetails? PromptTokensDetails { get; set; }
}
