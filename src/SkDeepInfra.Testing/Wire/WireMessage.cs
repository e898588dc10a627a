using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Testing.Wire;

/// <summary>The assistant message of a non-streaming completion; <c>content</c> is written even when null.</summary>
internal sealed class WireMessage
{
    public string Role { get; init; } = "assistant";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Content { get; init; }

    public string? ReasoningContent { get; init; }

    public IReadOnlyList<WireToolCall>? ToolCalls { get; init; }
}
