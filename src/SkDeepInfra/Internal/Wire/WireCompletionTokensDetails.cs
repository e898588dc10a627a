namespace SkDeepInfra.Internal.Wire;

/// <summary><c>usage.completion_tokens_details</c>.</summary>
internal sealed class WireCompletionTokensDetails
{
    public int? ReasoningTokens { get; set; }
}
