using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using MeaiFunctionCall = Microsoft.Extensions.AI.FunctionCallContent;
using MeaiText = Microsoft.Extensions.AI.TextContent;
using SkFunctionCall = Microsoft.SemanticKernel.FunctionCallContent;
using SkText = Microsoft.SemanticKernel.TextContent;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// <see cref="DeepInfraChatClient"/>'s replies to Semantic Kernel contents, as Semantic Kernel's connectors expose them: text,
/// reasoning as <see cref="ReasoningContent"/> / <see cref="StreamingReasoningContent"/>, tool calls as SK function calls
/// (<c>Plugin-Function</c> split back into plugin and function; unparsable arguments set <see cref="SkFunctionCall.Exception"/>;
/// argument values as strings unless <see cref="FunctionChoiceBehaviorOptions.RetainArgumentTypes"/>).
/// </summary>
internal static class ChatContentMapper
{
    public static ChatMessageContent ToChatMessageContent(ChatResponse response, string? modelId, bool retainArgumentTypes, Dictionary<string, object?> metadata)
    {
        var items = new ChatMessageContentItemCollection();
        string? authorName = null;
        foreach (ChatMessage message in response.Messages)
        {
            authorName ??= message.AuthorName;
            foreach (AIContent content in message.Contents)
            {
                if (ToKernelContent(content, modelId, retainArgumentTypes) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        return new ChatMessageContent(AuthorRole.Assistant, items, modelId, response, Encoding.UTF8, metadata) { AuthorName = authorName };
    }

    /// <summary>The message a streamed reply adds to the history before its calls are invoked.</summary>
    public static ChatMessageContent ToChatMessageContent(string text, List<MeaiFunctionCall> calls, string? modelId, bool retainArgumentTypes, Dictionary<string, object?> metadata)
    {
        var items = new ChatMessageContentItemCollection();
        if (text.Length > 0)
        {
            items.Add(new SkText(text, modelId));
        }

        foreach (MeaiFunctionCall call in calls)
        {
            items.Add(ToFunctionCall(call, retainArgumentTypes));
        }

        return new ChatMessageContent(AuthorRole.Assistant, items, modelId, null, Encoding.UTF8, metadata);
    }

    public static StreamingChatMessageContent ToStreamingContent(ChatResponseUpdate update, string? modelId, int requestIndex, Dictionary<string, object?>? metadata)
    {
        var result = new StreamingChatMessageContent(update.Role is { } role ? ToAuthorRole(role) : null, null, update, 0, modelId, Encoding.UTF8, metadata)
        {
            AuthorName = update.AuthorName,
        };
        IList<AIContent> contents = update.Contents;
        int callIndex = 0;
        for (int i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case MeaiText text:
                    result.Items.Add(new StreamingTextContent(text.Text, 0, modelId, text));
                    break;
                case TextReasoningContent reasoning:
                    result.Items.Add(new StreamingReasoningContent(reasoning.Text) { InnerContent = reasoning, ModelId = modelId });
                    break;
                case MeaiFunctionCall call:
                    result.Items.Add(new StreamingFunctionCallUpdateContent(call.CallId, call.Name, ChatRequestMapper.ToWireArguments(call), callIndex++) { RequestIndex = requestIndex, InnerContent = call });
                    break;
            }
        }

        return result;
    }

    public static SkFunctionCall ToFunctionCall(MeaiFunctionCall call, bool retainArgumentTypes)
    {
        (string functionName, string? pluginName) = ChatHistoryMapper.ParseName(call.Name);
        KernelArguments? arguments = null;
        if (call.Arguments is { } parsed)
        {
            if (retainArgumentTypes)
            {
                arguments = new KernelArguments(parsed);
            }
            else
            {
                arguments = [];
                foreach (KeyValuePair<string, object?> argument in parsed)
                {
                    arguments[argument.Key] = argument.Value?.ToString();
                }
            }
        }

        return new SkFunctionCall(functionName, pluginName, call.CallId, arguments)
        {
            InnerContent = call,
            Exception = call.Exception is null ? null : new KernelException("Error: Function call arguments were invalid JSON.", call.Exception),
        };
    }

    private static KernelContent? ToKernelContent(AIContent content, string? modelId, bool retainArgumentTypes) => content switch
    {
        MeaiText text => new SkText(text.Text, modelId, text),
        TextReasoningContent reasoning => new ReasoningContent(reasoning.Text) { InnerContent = reasoning, ModelId = modelId },
        MeaiFunctionCall call => ToFunctionCall(call, retainArgumentTypes),
        _ => null,
    };

    private static AuthorRole ToAuthorRole(ChatRole role) =>
        role == ChatRole.Assistant ? AuthorRole.Assistant :
        role == ChatRole.Tool ? AuthorRole.Tool :
        role == ChatRole.User ? AuthorRole.User :
        role == ChatRole.System ? AuthorRole.System :
        new AuthorRole(role.Value);
}
