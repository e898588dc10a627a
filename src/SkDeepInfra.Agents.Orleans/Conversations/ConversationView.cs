using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Orleans.Conversations;

/// <summary>Maps an agent session and a run's response to what the cluster returns: replies, snapshots and pending approvals.</summary>
internal static class ConversationView
{
    private static readonly JsonSerializerOptions s_compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static IReadOnlyList<ChatMessage> Messages(AgentSession session) =>
        session.TryGetInMemoryChatHistory(out List<ChatMessage>? messages) && messages is not null ? messages : [];

    /// <summary>The approval requests no later message answered, in the order they were asked.</summary>
    public static IReadOnlyList<ToolApprovalRequestContent> PendingRequests(AgentSession session)
    {
        List<AIContent> contents = [.. Messages(session).SelectMany(m => m.Contents)];
        var answered = new HashSet<string>(contents.OfType<ToolApprovalResponseContent>().Select(r => r.RequestId), StringComparer.Ordinal);
        var resulted = new HashSet<string>(contents.OfType<FunctionResultContent>().Select(r => r.CallId), StringComparer.Ordinal);
        return contents.OfType<ToolApprovalRequestContent>().Where(r => !answered.Contains(r.RequestId) && !resulted.Contains(r.ToolCall.CallId)).ToList();
    }

    public static ConversationReply ToReply(AgentResponse response, AgentSession session)
    {
        AgentRunOutcome? outcome = response.GetRunOutcome();
        AgentRunLedger? ledger = response.GetRunLedger();
        return new ConversationReply
        {
            Text = response.Text,
            Status = outcome?.Status ?? AgentRunStatus.Completed,
            OutcomeMessage = outcome?.Message ?? string.Empty,
            ExceededBudget = outcome?.ExceededBudget,
            PendingApprovals = PendingRequests(session).Select(ToPending).ToList(),
            Ledger = ledger?.ToString() ?? string.Empty,
            EstimatedCostUsd = ledger?.EstimatedCostUsd ?? 0,
            MessageCount = Messages(session).Count,
        };
    }

    public static ConversationSnapshot ToSnapshot(string conversationId, string agentName, AgentSession session)
    {
        IReadOnlyList<AgentRunLedger> ledgers = session.GetRunLedgers();
        return new ConversationSnapshot
        {
            ConversationId = conversationId,
            AgentName = agentName,
            Messages = Messages(session).Select(m => new ConversationMessage { Role = m.Role.Value, Text = Describe(m) }).ToList(),
            PendingApprovals = PendingRequests(session).Select(ToPending).ToList(),
            Runs = ledgers.Count,
            EstimatedCostUsd = ledgers.Sum(l => l.EstimatedCostUsd),
        };
    }

    public static PendingApproval ToPending(ToolApprovalRequestContent request)
    {
        var call = request.ToolCall as FunctionCallContent;
        return new PendingApproval
        {
            RequestId = request.RequestId,
            ToolName = call?.Name ?? request.ToolCall.CallId,
            ArgumentsJson = call?.Arguments is { } arguments ? JsonSerializer.Serialize(arguments, s_compact) : "{}",
        };
    }

    private static string Describe(ChatMessage message)
    {
        var parts = new List<string>();
        foreach (AIContent content in message.Contents)
        {
            string? part = content switch
            {
                TextContent text when text.Text.Length > 0 => text.Text,
                FunctionCallContent call => $"[tool call {call.Name}]",
                FunctionResultContent result => $"[tool result {result.Result}]",
                ToolApprovalRequestContent request => $"[approval requested for {(request.ToolCall as FunctionCallContent)?.Name ?? request.ToolCall.CallId}]",
                ToolApprovalResponseContent answer => answer.Approved ? "[approved]" : "[denied]",
                _ => null,
            };
            if (part is not null)
            {
                parts.Add(part);
            }
        }

        return string.Join(" ", parts);
    }
}
