namespace SkDeepInfra.Testing.Wire;

/// <summary>USD per 1M tokens; <c>output_tokens</c> is omitted for embedding models.</summary>
internal sealed class WireModelPricing
{
    public decimal InputTokens { get; init; }

    public decimal? OutputTokens { get; init; }
}
