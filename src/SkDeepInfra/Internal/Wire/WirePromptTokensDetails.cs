namespace SkDeepInfra.Internal.Wire;

/// <summary><c>usage.prompt_tokens_details</c>.</summary>
internal sealed class WirePromptTokensDetails
{
    public int? CachedTokens { get; set; }
}
