using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// Watches what a run returns (whole messages or streamed contents) to tell how it ended when nothing stopped it: waiting
/// for approvals, leaving tool calls for the caller, or completed.
/// </summary>
internal sealed class RunObserver
{
    private readonly List<ToolApprovalRequestContent> _approvals = [];
    private readonly List<FunctionCallContent> _calls = [];
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

    public void Observe(IEnumerable<ChatMessage> messages)
    {
        foreach (ChatMessage message in messages)
        {
            Observe(message.Contents);
        }
    }

    public void Observe(IEnumerable<AIContent> contents)
    {
        foreach (AIContent content in contents)
        {
            switch (content)
            {
                case ToolApprovalRequestContent request:
                    _approvals.Add(request);
                    break;
                case FunctionCallContent call when !call.InformationalOnly:
                    _calls.Add(call);
                    break;
                case FunctionResultContent result:
                    _answered.Add(result.CallId);
                    break;
            }
        }
    }

    public AgentRunOutcome ToOutcome()
    {
        if (_approvals.Count > 0)
        {
            return AgentRunOutcome.AwaitingApproval([.. _approvals]);
        }

        List<FunctionCallContent> unanswered = _calls.Where(c => !_answered.Contains(c.CallId)).ToList();
        return unanswered.Count > 0 ? AgentRunOutcome.AwaitingToolResults(unanswered) : AgentRunOutcome.Completed();
    }
}
