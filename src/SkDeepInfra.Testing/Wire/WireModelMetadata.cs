using System.Collections.Generic;

namespace SkDeepInfra.Testing.Wire;

/// <summary>DeepInfra's model metadata; unset description, context length and max tokens are omitted.</summary>
internal sealed class WireModelMetadata
{
    public string? Description { get; init; }

    public int? ContextLength { get; init; }

    public int? MaxTokens { get; init; }

    public required WireModelPricing Pricing { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }
}
