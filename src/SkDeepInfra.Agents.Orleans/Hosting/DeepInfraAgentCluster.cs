using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using SkDeepInfra.Agents.Orleans.Conversations;
using SkDeepInfra.Agents.Orleans.Spend;

namespace SkDeepInfra.Agents.Orleans.Hosting;

/// <summary>The client facade: checks arguments before any grain call and addresses the caller's tenant's grains only.</summary>
internal sealed class DeepInfraAgentCluster(IGrainFactory grains) : IDeepInfraAgentCluster
{
    public Task<ConversationReply> SendAsync(string tenantId, string conversationId, string agentName, string message, CancellationToken cancellationToken = default)
    {
        IConversationGrain grain = Conversation(tenantId, conversationId);
        CheckRequest(agentName, message);
        return grain.SendAsync(agentName, message, cancellationToken);
    }

    public IAsyncEnumerable<ConversationUpdate> StreamAsync(string tenantId, string conversationId, string agentName, string message, CancellationToken cancellationToken = default)
    {
        IConversationGrain grain = Conversation(tenantId, conversationId);
        CheckRequest(agentName, message);
        return grain.StreamAsync(agentName, message, cancellationToken);
    }

    public Task<ConversationReply> AnswerApprovalsAsync(string tenantId, string conversationId, IReadOnlyList<ApprovalDecision> decisions, CancellationToken cancellationToken = default)
    {
        IConversationGrain grain = Conversation(tenantId, conversationId);
        if (decisions is null || decisions.Count == 0)
        {
            throw new ArgumentException("At least one decision is required.", nameof(decisions));
        }

        return grain.AnswerApprovalsAsync(decisions, cancellationToken);
    }

    public Task<ConversationSnapshot?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default) =>
        Conversation(tenantId, conversationId).GetAsync().WaitAsync(cancellationToken);

    public Task<TenantSpendSnapshot> GetTenantSpendAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ConversationKey.Check(tenantId, nameof(tenantId));
        return grains.GetGrain<ITenantSpendGrain>(tenantId).GetAsync().WaitAsync(cancellationToken);
    }

    private IConversationGrain Conversation(string tenantId, string conversationId) =>
        grains.GetGrain<IConversationGrain>(ConversationKey.Create(tenantId, conversationId));

    private static void CheckRequest(string agentName, string message)
    {
        if (string.IsNullOrWhiteSpace(agentName))
        {
            throw new ArgumentException("An agent name is required.", nameof(agentName));
        }

        if (string.IsNullOrEmpty(message))
        {
            throw new ArgumentException("A message is required.", nameof(message));
        }
    }
}
