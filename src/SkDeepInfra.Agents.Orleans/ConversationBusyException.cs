using System;
using Orleans;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>
/// A conversation refused a request because one of its runs is in progress and its policy is
/// <see cref="ConversationBusyPolicy.Reject"/>. Nothing in the conversation changed; send the request again later.
/// </summary>
[GenerateSerializer]
[Alias("SkDeepInfra.Agents.Orleans.ConversationBusyException")]
public sealed class ConversationBusyException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="ConversationBusyException"/> class.</summary>
    public ConversationBusyException()
        : base("The conversation is running another request.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConversationBusyException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ConversationBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConversationBusyException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConversationBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
