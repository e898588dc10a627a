using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using SkDeepInfra.Agents.Orleans.Hosting;
using SkDeepInfra.Agents.Orleans.Spend;

namespace SkDeepInfra.Agents.Orleans.Conversations;

/// <summary>
/// Runs one conversation's agent, one run at a time (the gate below; the grain is reentrant so that streamed runs and
/// reads proceed while a run waits), and stores the session through grain persistence after every run, including a
/// run that paused for approval. Each run starts from the stored session, so a failed run or a failed write leaves the
/// conversation exactly as the last stored run left it.
/// </summary>
[Reentrant]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The gate's wait handle is never created, so there is nothing to dispose.")]
internal sealed class ConversationGrain(
    [PersistentState("conversation", DeepInfraAgentClusterOptions.StorageName)] IPersistentState<ConversationState> state,
    AgentCatalog agents,
    IOptions<DeepInfraAgentClusterOptions> options,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private string Key => this.GetPrimaryKeyString();

    public async Task<ConversationReply> SendAsync(string agentName, string message, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            (AIAgent agent, AgentSession session) = await OpenAsync(agentName, cancellationToken);
            AgentResponse response = await agent.RunAsync([new ChatMessage(ChatRole.User, message)], session, RunOptions(), cancellationToken);
            return await StoreAsync(agentName, agent, session, response, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<ConversationUpdate> StreamAsync(string agentName, string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            (AIAgent agent, AgentSession session) = await OpenAsync(agentName, cancellationToken);
            var updates = new List<AgentResponseUpdate>();
            await foreach (AgentResponseUpdate update in agent.RunStreamingAsync([new ChatMessage(ChatRole.User, message)], session, RunOptions(), cancellationToken))
            {
                updates.Add(update);
                if (update.Text is { Length: > 0 } text)
                {
                    yield return new ConversationUpdate { Text = text };
                }
            }

            ConversationReply reply = await StoreAsync(agentName, agent, session, updates.ToAgentResponse(), cancellationToken);
            yield return new ConversationUpdate { Reply = reply };
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ConversationReply> AnswerApprovalsAsync(IReadOnlyList<ApprovalDecision> decisions, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            ConversationState stored = Stored();
            if (!stored.Exists)
            {
                throw NotFound();
            }

            (AIAgent agent, AgentSession session) = await OpenAsync(stored.AgentName!, cancellationToken);
            Dictionary<string, ToolApprovalRequestContent> pending = ConversationView.PendingRequests(session).ToDictionary(r => r.RequestId, StringComparer.Ordinal);
            var answers = new List<AIContent>(decisions.Count);
            foreach (ApprovalDecision decision in decisions)
            {
                if (!pending.TryGetValue(decision.RequestId, out ToolApprovalRequestContent? request))
                {
                    throw new ConversationNotFoundException($"Conversation '{ConversationKey.Parse(Key).ConversationId}' waits for no approval with id '{decision.RequestId}'.");
                }

                answers.Add(request.CreateResponse(decision.Approved, decision.Reason));
            }

            AgentResponse response = await agent.RunAsync([new ChatMessage(ChatRole.User, answers)], session, RunOptions(), cancellationToken);
            return await StoreAsync(stored.AgentName!, agent, session, response, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ConversationSnapshot?> GetAsync()
    {
        ConversationState stored = Stored();
        if (!stored.Exists)
        {
            return null;
        }

        AIAgent agent = agents.Get(stored.AgentName!);
        AgentSession session = await DeserializeAsync(agent, stored, CancellationToken.None);
        return ConversationView.ToSnapshot(ConversationKey.Parse(Key).ConversationId, stored.AgentName!, session);
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BusyPolicy == ConversationBusyPolicy.Reject)
        {
            if (!_gate.Wait(0, CancellationToken.None))
            {
                throw new ConversationBusyException($"Conversation '{ConversationKey.Parse(Key).ConversationId}' is running another request; send this one again when it ends.");
            }

            return;
        }

        await _gate.WaitAsync(cancellationToken);
    }

    /// <summary>The stored state, checked: a state of a newer format is refused before anything runs.</summary>
    private ConversationState Stored()
    {
        ConversationState stored = state.State ?? new ConversationState();
        if (stored.Version > ConversationState.CurrentVersion)
        {
            throw new ConversationStateException(
                $"Conversation '{ConversationKey.Parse(Key).ConversationId}' is stored in format version {stored.Version}; this version of SkDeepInfra.Agents.Orleans reads up to version {ConversationState.CurrentVersion}. Nothing was changed.");
        }

        return stored;
    }

    private async Task<(AIAgent Agent, AgentSession Session)> OpenAsync(string agentName, CancellationToken cancellationToken)
    {
        ConversationState stored = Stored();
        if (stored.Exists && !string.Equals(stored.AgentName, agentName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Conversation '{ConversationKey.Parse(Key).ConversationId}' is run by agent '{stored.AgentName}', not '{agentName}'.", nameof(agentName));
        }

        AIAgent agent = agents.Get(agentName);
        AgentSession session = stored.Exists ? await DeserializeAsync(agent, stored, cancellationToken) : await agent.CreateSessionAsync(cancellationToken);
        Log.RunStarted(logger, Key, agentName);
        return (agent, session);
    }

    private static async Task<AgentSession> DeserializeAsync(AIAgent agent, ConversationState stored, CancellationToken cancellationToken)
    {
        using JsonDocument json = JsonDocument.Parse(stored.Session!);
        return await agent.DeserializeSessionAsync(json.RootElement.Clone(), cancellationToken: cancellationToken);
    }

    private AgentRunOptions RunOptions() =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [TenantSpendChatClient.TenantKey] = ConversationKey.Parse(Key).TenantId } };

    /// <summary>Writes the run's session; on failure the grain's state goes back to the stored one and the caller learns why.</summary>
    private async Task<ConversationReply> StoreAsync(string agentName, AIAgent agent, AgentSession session, AgentResponse response, CancellationToken cancellationToken)
    {
        JsonElement json = await agent.SerializeSessionAsync(session, cancellationToken: cancellationToken);
        ConversationState previous = state.State;
        state.State = new ConversationState { Version = ConversationState.CurrentVersion, AgentName = agentName, Session = json.GetRawText() };
        try
        {
            await state.WriteStateAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            state.State = previous;
            Log.StoreFailed(logger, ex, Key);
            Exception cause = ex.GetBaseException();
            throw new ConversationStateException(
                $"The run of conversation '{ConversationKey.Parse(Key).ConversationId}' could not be stored ({cause.GetType().Name}: {cause.Message}); the conversation stays as its last stored run left it.", ex);
        }

        ConversationReply reply = ConversationView.ToReply(response, session);
        Log.RunStored(logger, Key, reply.Status, reply.Ledger, reply.MessageCount);
        return reply;
    }

    private ConversationNotFoundException NotFound() =>
        new($"Conversation '{ConversationKey.Parse(Key).ConversationId}' does not exist.");
}
