using System.Collections.Generic;

namespace SkDeepInfra.Internal.Wire;

/// <summary>One message of a request: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
internal sealed class WireRequestMessage
{
    public string Role { get; set; } = string.Empty;

    /// <summary>A plain string, or content parts when the message carries images.</summary>
    public WireContent? Content { get; set; }

    public string? Name { get; set; }
    public List<WireToolCall>? ToolCalls { get; set; }
    public string? ToolCallId { get; set; }

    /// <summary>An assistant message's reasoning, sent back inside a tool loop.</summary>
    public string? ReasoningContent { get; set; }
}
