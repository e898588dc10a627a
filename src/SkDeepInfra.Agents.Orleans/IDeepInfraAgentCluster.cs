using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>
/// The agents of an Orleans cluster, from any silo or client: send messages to conversations, stream runs, answer
/// approvals, read conversations and tenant spend. Conversations are keyed by tenant and id: take the tenant from the
/// caller's identity (never from the request), so one tenant can never reach another's conversations.
/// </summary>
public interface IDeepInfraAgentCluster
{
    /// <summary>Sends a user message to a conversation (created on its first message) and runs its agent to the end of the run.</summary>
    /// <param name="tenantId">The caller's tenant, from its identity. No <c>/</c>.</param>
    /// <param name="conversationId">The conversation's id within the tenant.</param>
    /// <param name="agentName">The agent that runs the conversation, as registered with <c>AddDeepInfraAgent</c>; a conversation keeps the agent it started with.</param>
    /// <param name="message">The user's message.</param>
    /// <param name="cancellationToken">Cancels the run; the conversation keeps its last stored state.</param>
    /// <returns>The run's reply, once the conversation is stored.</returns>
    /// <exception cref="System.ArgumentException">An argument is empty or malformed, the agent is unknown, or the conversation belongs to another agent.</exception>
    /// <exception cref="ConversationBusyException">A run is in progress and the policy is <see cref="ConversationBusyPolicy.Reject"/>.</exception>
    /// <exception cref="ConversationStateException">The stored state is of a newer format, or the storage failed.</exception>
    Task<ConversationReply> SendAsync(string tenantId, string conversationId, string agentName, string message, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="SendAsync"/>, streaming the agent's text as it is written; the last update carries the reply.</summary>
    /// <param name="tenantId">The caller's tenant, from its identity.</param>
    /// <param name="conversationId">The conversation's id within the tenant.</param>
    /// <param name="agentName">The agent that runs the conversation.</param>
    /// <param name="message">The user's message.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The updates.</returns>
    IAsyncEnumerable<ConversationUpdate> StreamAsync(string tenantId, string conversationId, string agentName, string message, CancellationToken cancellationToken = default);

    /// <summary>Answers the approvals a conversation waits for, from any silo or client, and runs the agent on.</summary>
    /// <param name="tenantId">The caller's tenant, from its identity.</param>
    /// <param name="conversationId">The conversation's id within the tenant.</param>
    /// <param name="decisions">One decision per pending approval to answer.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's reply.</returns>
    /// <exception cref="ConversationNotFoundException">The tenant has no such conversation, or it waits for no approval with an id given.</exception>
    Task<ConversationReply> AnswerApprovalsAsync(string tenantId, string conversationId, IReadOnlyList<ApprovalDecision> decisions, CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation as its last stored run left it.</summary>
    /// <param name="tenantId">The caller's tenant, from its identity.</param>
    /// <param name="conversationId">The conversation's id within the tenant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The conversation, or <see langword="null"/> when the tenant has none with this id.</returns>
    Task<ConversationSnapshot?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Reads a tenant's spend in the current period.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The spend, reservations and limit.</returns>
    Task<TenantSpendSnapshot> GetTenantSpendAsync(string tenantId, CancellationToken cancellationToken = default);
}
