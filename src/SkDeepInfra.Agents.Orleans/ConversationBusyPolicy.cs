namespace SkDeepInfra.Agents.Orleans;

/// <summary>What a conversation does with a request that arrives while one of its runs is in progress.</summary>
public enum ConversationBusyPolicy
{
    /// <summary>The request waits its turn (first come, first served) and runs after the runs before it.</summary>
    Wait,

    /// <summary>The request fails at once with a <see cref="ConversationBusyException"/>.</summary>
    Reject,
}
