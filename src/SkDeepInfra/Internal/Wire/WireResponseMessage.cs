using System.Collections.Generic;

namespace SkDeepInfra.Internal.Wire;

/// <summary>The assistant's message in a reply, or its delta in a stream chunk.</summary>
internal sealed class WireResponseMessage
{
    public string? Role { get; set; }
    public string? Content { get; set; }
    public string? ReasoningContent { get; set; }
    public List<WireToolCall>? ToolCalls { get; set; }
}
