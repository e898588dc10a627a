using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Orleans;

namespace SkDeepInfra.Agents.Orleans.Conversations;

/// <summary>One conversation, keyed <c>tenant/conversation</c> (<see cref="ConversationKey"/>): runs its agent one run at a time and owns its session.</summary>
[Alias("SkDeepInfra.Agents.Orleans.IConversationGrain")]
internal interface IConversationGrain : IGrainWithStringKey
{
    [Alias("Send")]
    Task<ConversationReply> SendAsync(string agentName, string message, CancellationToken cancellationToken);

    [Alias("Stream")]
    IAsyncEnumerable<ConversationUpdate> StreamAsync(string agentName, string message, CancellationToken cancellationToken);

    [Alias("AnswerApprovals")]
    Task<ConversationReply> AnswerApprovalsAsync(IReadOnlyList<ApprovalDecision> decisions, CancellationToken cancellationToken);

    [Alias("Get")]
    Task<ConversationSnapshot?> GetAsync();
}
