namespace SkDeepInfra;

/// <summary>
/// Which assistant messages carry their reasoning (<c>TextReasoningContent</c>) back to DeepInfra as <c>reasoning_content</c>.
/// Thinking models of the DeepSeek and Kimi families need it inside a tool loop; elsewhere it only costs input tokens.
/// </summary>
public enum DeepInfraReasoningRoundTrip
{
    /// <summary>Only the assistant messages after the last user message: the tool loop in progress. Finished turns are not resent.</summary>
    CurrentToolLoop,

    /// <summary>No reasoning is sent back.</summary>
    Never,

    /// <summary>Every assistant message's reasoning is sent back.</summary>
    Always,
}
