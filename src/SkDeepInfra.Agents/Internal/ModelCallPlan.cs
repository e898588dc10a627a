namespace SkDeepInfra.Agents.Internal;

/// <summary>How a model call was sent under its run's ceilings: its estimated input, the <c>max_tokens</c> it may generate, and the prices it costs at.</summary>
/// <param name="InputEstimate">The estimated input tokens, when a ceiling was projected.</param>
/// <param name="MaxOutputTokens">The most output tokens the call may generate, when known.</param>
/// <param name="Pricing">The model's prices, when known.</param>
internal readonly record struct ModelCallPlan(long? InputEstimate, int? MaxOutputTokens, DeepInfraModelPricing? Pricing);
