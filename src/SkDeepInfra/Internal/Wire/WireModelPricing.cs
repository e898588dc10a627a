using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>Prices in USD per one million tokens (numbers, or numbers in strings).</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
internal sealed class WireModelPricing
{
    public decimal? InputTokens { get; set; }
    public decimal? OutputTokens { get; set; }
    public decimal? CacheReadTokens { get; set; }
}
