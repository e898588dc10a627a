using System.Collections.Generic;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Builds the non-streaming <c>chat.completion</c> body of a completion reply.</summary>
internal static class CompletionFactory
{
    public static WireCompletion Build(EmulatorReply reply, ReplyContext context)
    {
        List<WireToolCall>? calls = null;
        if (reply.Calls.Count > 0)
        {
            calls = [];
            foreach (EmulatorToolCall call in reply.Calls)
            {
                calls.Add(new WireToolCall
                {
                    Id = call.Id,
                    Function = new WireFunction { Name = call.Name, Arguments = call.Arguments },
                });
            }
        }

        var message = new WireMessage { Content = reply.Content, ReasoningContent = reply.Reasoning, ToolCalls = calls };
        return new WireCompletion
        {
            Id = context.Id,
            Created = context.Created,
            Model = context.Model,
            Choices = [new WireChoice { Index = 0, Message = message, FinishReason = context.FinishReason }],
            Usage = context.Usage,
        };
    }
}
