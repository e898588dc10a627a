using System;
using Orleans;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>
/// A conversation's stored state cannot be used: it was written in a newer format than this package reads, or the grain
/// storage failed to read or write it. The stored conversation is left as it was: what the last stored run left.
/// </summary>
[GenerateSerializer]
[Alias("SkDeepInfra.Agents.Orleans.ConversationStateException")]
public sealed class ConversationStateException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="ConversationStateException"/> class.</summary>
    public ConversationStateException()
        : base("The conversation's stored state cannot be used.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConversationStateException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ConversationStateException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConversationStateException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConversationStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
