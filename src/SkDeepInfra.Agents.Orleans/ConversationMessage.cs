using Orleans;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>One message of a stored conversation, as text: what the user, the agent or a tool said.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.ConversationMessage")]
public sealed class ConversationMessage
{
    /// <summary>Gets the author's role: <c>user</c>, <c>assistant</c>, <c>tool</c> or <c>system</c>.</summary>
    [Id(0)]
    public string Role { get; init; } = string.Empty;

    /// <summary>Gets the message's text; tool calls, results and approvals are described, e.g. <c>[tool call refund_order]</c>.</summary>
    [Id(1)]
    public string Text { get; init; } = string.Empty;

    /// <summary>Returns <c>role: text</c>.</summary>
    /// <returns>The role and the text.</returns>
    public override string ToString() => $"{Role}: {Text}";
}
