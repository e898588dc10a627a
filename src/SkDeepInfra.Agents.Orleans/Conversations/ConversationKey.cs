using System;

namespace SkDeepInfra.Agents.Orleans.Conversations;

/// <summary>
/// A conversation's grain key: <c>tenant/conversation</c>. The tenant is part of the key, so a conversation id taken from
/// another tenant addresses a different (empty) grain: it cannot read, continue or answer the other tenant's conversation.
/// </summary>
internal static class ConversationKey
{
    public const int MaxLength = 256;

    /// <exception cref="ArgumentException">An id is empty, too long, or the tenant id contains <c>/</c>.</exception>
    public static string Create(string tenantId, string conversationId)
    {
        Check(tenantId, nameof(tenantId));
        Check(conversationId, nameof(conversationId));
        if (tenantId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A tenant id cannot contain '/'.", nameof(tenantId));
        }

        return tenantId + "/" + conversationId;
    }

    public static (string TenantId, string ConversationId) Parse(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <exception cref="ArgumentException">The id is empty or longer than <see cref="MaxLength"/>.</exception>
    public static void Check(string id, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("An id is required.", parameterName);
        }

        if (id.Length > MaxLength)
        {
            throw new ArgumentException($"An id has at most {MaxLength} characters; this one has {id.Length}.", parameterName);
        }
    }
}
