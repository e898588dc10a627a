namespace SkDeepInfra.Testing.Replies;

/// <summary>Usage figures a reply dictates instead of the estimate; a null cost is computed from the price table.</summary>
internal sealed record UsageOverride(int PromptTokens, int CompletionTokens, decimal? EstimatedCost);
