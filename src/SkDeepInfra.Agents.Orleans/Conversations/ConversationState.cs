using Orleans;

namespace SkDeepInfra.Agents.Orleans.Conversations;

/// <summary>
/// What grain storage keeps of a conversation: its agent and the agent session exactly as <c>SerializeSessionAsync</c>
/// writes it (messages, tool calls and results, pending approvals, run ledgers), under a format version.
/// </summary>
[GenerateSerializer]
[Alias("SkDeepInfra.Agents.Orleans.ConversationState")]
internal sealed class ConversationState
{
    /// <summary>The format this package writes and reads; a later package may read this one, this one refuses later ones.</summary>
    public const int CurrentVersion = 1;

    [Id(0)]
    public int Version { get; set; }

    [Id(1)]
    public string? AgentName { get; set; }

    /// <summary>The agent session's JSON, from <c>AIAgent.SerializeSessionAsync</c>.</summary>
    [Id(2)]
    public string? Session { get; set; }

    public bool Exists => Session is not null;
}
