using System;
using System.Globalization;

namespace SkDeepInfra;

/// <summary>A model's published prices in USD per one million tokens; a price DeepInfra does not publish is <see langword="null"/>.</summary>
public sealed class DeepInfraModelPricing
{
    /// <summary>USD per one million input (prompt) tokens.</summary>
    public decimal? InputPerMillionTokens { get; init; }

    /// <summary>USD per one million output (completion) tokens; <see langword="null"/> for embedding models.</summary>
    public decimal? OutputPerMillionTokens { get; init; }

    /// <summary>USD per one million input tokens read from the prompt cache, for models that cache prompts.</summary>
    public decimal? CacheReadPerMillionTokens { get; init; }

    /// <summary>
    /// The cost of a call at these prices: <c>(inputTokens × input + outputTokens × output) / 1,000,000</c>, exact in
    /// <see cref="decimal"/>. A price that is not published counts only when its token count is zero.
    /// </summary>
    /// <param name="inputTokens">The input token count.</param>
    /// <param name="outputTokens">The output token count.</param>
    /// <returns>The cost in USD, or <see langword="null"/> when a price needed for it is not published.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A token count is negative.</exception>
    public decimal? EstimateCost(long inputTokens, long outputTokens = 0)
    {
        if (inputTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputTokens), inputTokens, "A token count cannot be negative.");
        }

        if (outputTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputTokens), outputTokens, "A token count cannot be negative.");
        }

        decimal? input = inputTokens == 0 ? 0 : inputTokens * InputPerMillionTokens;
        decimal? output = outputTokens == 0 ? 0 : outputTokens * OutputPerMillionTokens;
        return (input + output) / 1_000_000m;
    }

    /// <summary>
    /// The prices in a short form, e.g. <c>$0.03 in / $0.05 out per 1M tokens</c>, or <c>$0.01 in per 1M tokens</c> for a
    /// model with no output price; an unpublished input price shows as <c>?</c>.
    /// </summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        (InputPerMillionTokens is decimal input ? "$" + input.ToString(CultureInfo.InvariantCulture) : "?") + " in"
        + (OutputPerMillionTokens is decimal output ? " / $" + output.ToString(CultureInfo.InvariantCulture) + " out" : string.Empty)
        + " per 1M tokens";
}
