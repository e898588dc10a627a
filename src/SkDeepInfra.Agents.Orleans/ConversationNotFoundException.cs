using System;
using Orleans;
using System.Collections.Generic;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>
/// The caller's tenant has no conversation with the id given (or no pending approval with the id given). A conversation
/// of another tenant gets exactly the same answer as one that does not exist.
/// </summary>
[GenerateSerializer]
[Alias("SkDeepInfra.Agents.Orleans.ConversationNotFoundException")]
public sealed class ConversationNotFoundException : KeyNotFoundException
{
    /// <summary>Initializes a new instance of the <see cref="ConversationNotFoundException"/> class.</summary>
    public ConversationNotFoundException()
        : base("The conversation does not exist.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConversationNotFoundException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ConversationNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConversationNotFoundException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConversationNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
