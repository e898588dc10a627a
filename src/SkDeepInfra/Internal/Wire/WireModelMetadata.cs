using System.Collections.Generic;

namespace SkDeepInfra.Internal.Wire;

/// <summary>DeepInfra's addition to OpenAI's model object; every member may be missing.</summary>
internal sealed class WireModelMetadata
{
    public string? Description { get; set; }
    public int? ContextLength { get; set; }
    public int? MaxTokens { get; set; }
    public WireModelPricing? Pricing { get; set; }
    public List<string?>? Tags { get; set; }
}
