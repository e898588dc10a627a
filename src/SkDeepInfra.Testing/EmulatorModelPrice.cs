using System;

namespace SkDeepInfra.Testing;

/// <summary>A model's price in USD per one million input (prompt) and output (completion) tokens.</summary>
public sealed class EmulatorModelPrice
{
    /// <summary>Initializes a new instance of the <see cref="EmulatorModelPrice"/> class.</summary>
    /// <param name="inputPerMillionTokens">USD per one million prompt tokens.</param>
    /// <param name="outputPerMillionTokens">USD per one million completion tokens.</param>
    /// <exception cref="ArgumentOutOfRangeException">A price is negative.</exception>
    public EmulatorModelPrice(decimal inputPerMillionTokens, decimal outputPerMillionTokens)
    {
        if (inputPerMillionTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputPerMillionTokens), inputPerMillionTokens, "A price cannot be negative.");
        }

        if (outputPerMillionTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputPerMillionTokens), outputPerMillionTokens, "A price cannot be negative.");
        }

        InputPerMillionTokens = inputPerMillionTokens;
        OutputPerMillionTokens = outputPerMillionTokens;
    }

    /// <summary>Gets the price in USD per one million prompt tokens.</summary>
    public decimal InputPerMillionTokens { get; }

    /// <summary>Gets the price in USD per one million completion tokens.</summary>
    public decimal OutputPerMillionTokens { get; }

    /// <summary>
    /// Computes the <c>estimated_cost</c> the emulator reports:
    /// <c>(promptTokens × input + completionTokens × output) / 1,000,000</c>, exact in <see cref="decimal"/>.
    /// </summary>
    /// <param name="promptTokens">The prompt token count.</param>
    /// <param name="completionTokens">The completion token count.</param>
    /// <returns>The cost in USD.</returns>
    public decimal EstimateCost(int promptTokens, int completionTokens) =>
        ((promptTokens * InputPerMillionTokens) + (completionTokens * OutputPerMillionTokens)) / 1_000_000m;
}
