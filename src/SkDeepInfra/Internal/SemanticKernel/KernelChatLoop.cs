using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using MeaiFunctionCall = Microsoft.Extensions.AI.FunctionCallContent;
using MeaiText = Microsoft.Extensions.AI.TextContent;
using SkFunctionCall = Microsoft.SemanticKernel.FunctionCallContent;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Semantic Kernel's chat completion loop over an <see cref="IChatClient"/> (the shared transport of <see cref="DeepInfraChatClient"/>):
/// each request maps the caller's history as it is then (so history edits by filters count), offers what
/// <see cref="FunctionChoiceBehavior"/> configures for that request, and auto-invokes calls with
/// <see cref="KernelFunctionCallsProcessor"/>; without a behavior, without auto-invocation, or when the request offered no tools,
/// calls are returned to the caller. Metadata carries each reply's usage, finish reason and cost; the final reply's usage and
/// cost are summed over the loop. A call that fails takes the messages it added back out of the history.
/// </summary>
internal sealed class KernelChatLoop(IChatClient client, string? modelId, ILogger logger)
{
    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory history,
        PromptExecutionSettings? executionSettings,
        Kernel? kernel,
        CancellationToken cancellationToken)
    {
        DeepInfraPromptExecutionSettings settings = DeepInfraPromptExecutionSettings.FromExecutionSettings(executionSettings);
        ChatOptions callOptions = SettingsMapper.ToChatOptions(settings);
        string? systemPrompt = SettingsMapper.SystemPrompt(settings);
        var totals = new CallTotals();
        var added = new List<ChatMessageContent>();
        try
        {
            for (int requestIndex = 0; ; requestIndex++)
            {
                KernelFunctionTools? tools = KernelFunctionTools.Configure(settings.FunctionChoiceBehavior, history, requestIndex, kernel, logger);
                List<ChatMessage> messages = ChatHistoryMapper.ToChatMessages(history, systemPrompt);
                ChatResponse response = await client.GetResponseAsync(messages, tools?.Apply(callOptions) ?? callOptions, cancellationToken).ConfigureAwait(false);

                double? cost = CallTotals.ReadCost(response.AdditionalProperties);
                totals.Add(response.Usage, cost);
                ChatMessageContent reply = ChatContentMapper.ToChatMessageContent(
                    response,
                    response.ModelId ?? modelId,
                    tools?.Options.RetainArgumentTypes ?? false,
                    CallTotals.Metadata(response.Usage, response.FinishReason, cost));
                if (!Invokes(tools) || !HasFunctionCalls(reply))
                {
                    if (requestIndex > 0)
                    {
                        reply.Metadata = CallTotals.Metadata(totals.Usage, response.FinishReason, totals.Cost);
                    }

                    return [reply];
                }

                ChatMessageContent? last = await KernelFunctionCallsProcessor.ProcessAsync(
                    reply, executionSettings ?? settings, history, requestIndex, tools!, kernel!, isStreaming: false, added, logger, cancellationToken).ConfigureAwait(false);
                if (last is not null)
                {
                    return [last];
                }
            }
        }
        catch
        {
            RemoveAdded(history, added);
            throw;
        }
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory history,
        PromptExecutionSettings? executionSettings,
        Kernel? kernel,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DeepInfraPromptExecutionSettings settings = DeepInfraPromptExecutionSettings.FromExecutionSettings(executionSettings);
        ChatOptions callOptions = SettingsMapper.ToChatOptions(settings);
        string? systemPrompt = SettingsMapper.SystemPrompt(settings);
        var totals = new CallTotals();
        var added = new List<ChatMessageContent>();
        bool completed = false;
        try
        {
            for (int requestIndex = 0; ; requestIndex++)
            {
                KernelFunctionTools? tools = KernelFunctionTools.Configure(settings.FunctionChoiceBehavior, history, requestIndex, kernel, logger);
                List<ChatMessage> messages = ChatHistoryMapper.ToChatMessages(history, systemPrompt);
                bool invokes = Invokes(tools);
                var reply = new StreamedReply(modelId);
                await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(messages, tools?.Apply(callOptions) ?? callOptions, cancellationToken).ConfigureAwait(false))
                {
                    yield return ChatContentMapper.ToStreamingContent(update, reply.Track(update, totals, invokes), requestIndex, reply.Metadata);
                }

                if (!invokes || reply.Calls is null)
                {
                    completed = true;
                    yield break;
                }

                ChatMessageContent message = reply.ToChatMessageContent(tools!.Options.RetainArgumentTypes);
                ChatMessageContent? last = await KernelFunctionCallsProcessor.ProcessAsync(
                    message, executionSettings ?? settings, history, requestIndex, tools, kernel!, isStreaming: true, added, logger, cancellationToken).ConfigureAwait(false);
                if (last is not null)
                {
                    completed = true;
                    yield return new StreamingChatMessageContent(last.Role, last.Content, modelId: reply.ModelId);
                    yield break;
                }
            }
        }
        finally
        {
            if (!completed)
            {
                RemoveAdded(history, added);
            }
        }
    }

    private static bool Invokes(KernelFunctionTools? tools) => tools is { AutoInvoke: true, Tools: not null };

    private static bool HasFunctionCalls(ChatMessageContent reply)
    {
        foreach (KernelContent item in reply.Items)
        {
            if (item is SkFunctionCall)
            {
                return true;
            }
        }

        return false;
    }

    private static void RemoveAdded(ChatHistory history, List<ChatMessageContent> added)
    {
        foreach (ChatMessageContent message in added)
        {
            history.Remove(message);
        }
    }

    /// <summary>One streamed reply: the metadata of the current update, and the text and calls a loop needs to invoke them.</summary>
    private sealed class StreamedReply(string? modelId)
    {
        private StringBuilder? _text;
        private UsageDetails? _usage;
        private ChatFinishReason? _finishReason;
        private double? _cost;

        public string? ModelId { get; private set; } = modelId;

        public List<MeaiFunctionCall>? Calls { get; private set; }

        /// <summary>The current update's metadata: finish reason, and usage and cost summed so far; <see langword="null"/> for most updates.</summary>
        public Dictionary<string, object?>? Metadata { get; private set; }

        /// <summary>Reads one update; returns the model id to report it under.</summary>
        public string? Track(ChatResponseUpdate update, CallTotals totals, bool collect)
        {
            Metadata = null;
            ModelId = update.ModelId ?? ModelId;
            if (update.FinishReason is { } finish)
            {
                _finishReason = finish;
                (Metadata ??= new Dictionary<string, object?>(3))[DeepInfraMetadataKeys.FinishReason] = finish.Value;
            }

            IList<AIContent> contents = update.Contents;
            for (int i = 0; i < contents.Count; i++)
            {
                switch (contents[i])
                {
                    case UsageContent used:
                        _usage = used.Details;
                        _cost = CallTotals.ReadCost(update.AdditionalProperties);
                        totals.Add(_usage, _cost);
                        Metadata ??= new Dictionary<string, object?>(3);
                        Metadata[DeepInfraMetadataKeys.Usage] = totals.Usage;
                        Metadata[DeepInfraMetadataKeys.EstimatedCost] = totals.Cost;
                        break;
                    case MeaiText piece when collect:
                        (_text ??= new StringBuilder()).Append(piece.Text);
                        break;
                    case MeaiFunctionCall call when collect:
                        (Calls ??= []).Add(call);
                        break;
                }
            }

            return ModelId;
        }

        public ChatMessageContent ToChatMessageContent(bool retainArgumentTypes) =>
            ChatContentMapper.ToChatMessageContent(_text?.ToString() ?? string.Empty, Calls!, ModelId, retainArgumentTypes, CallTotals.Metadata(_usage, _finishReason, _cost));
    }
}
