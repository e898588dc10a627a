using Orleans;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>One piece of a streamed run: text as the model writes it, and, on the last update, the run's <see cref="ConversationReply"/>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.ConversationUpdate")]
public sealed class ConversationUpdate
{
    /// <summary>Gets the text added by this update (empty on the last one).</summary>
    [Id(0)]
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets the run's reply on the last update, after the conversation was stored; <see langword="null"/> on every other update.</summary>
    [Id(1)]
    public ConversationReply? Reply { get; init; }
}
