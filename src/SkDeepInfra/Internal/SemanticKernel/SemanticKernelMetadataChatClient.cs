using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using RequiredFunctionChoiceBehavior = Microsoft.SemanticKernel.RequiredFunctionChoiceBehavior;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Sits under Semantic Kernel's function-invocation loop and stamps each model call's finish reason, usage and
/// estimated cost into the message or update properties that become <c>ChatMessageContent.Metadata</c>. It also ends
/// <c>FunctionChoiceBehavior.Required()</c> loops the way Semantic Kernel's own connectors do: once the loop has stopped
/// requiring a call, the tools are no longer offered, so the model answers instead of calling tools until the
/// iteration limit.
/// </summary>
internal sealed class SemanticKernelMetadataChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatOptions? sent = WithoutRequiredLoop(options, out bool toolsWithdrawn);
        ChatResponse response = await base.GetResponseAsync(messages, sent, cancellationToken).ConfigureAwait(false);
        if (toolsWithdrawn)
        {
            foreach (ChatMessage message in response.Messages)
            {
                RemoveFunctionCalls(message.Contents);
            }
        }

        double? cost = ReadCost(response.AdditionalProperties);
        foreach (ChatMessage message in response.Messages)
        {
            if (message.Role != ChatRole.Assistant)
            {
                continue;
            }

            AdditionalPropertiesDictionary properties = message.AdditionalProperties ??= [];
            properties[DeepInfraMetadataKeys.FinishReason] = response.FinishReason?.Value;
            properties[DeepInfraMetadataKeys.EstimatedCost] = cost;
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatOptions? sent = WithoutRequiredLoop(options, out bool toolsWithdrawn);
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, sent, cancellationToken).ConfigureAwait(false))
        {
            if (toolsWithdrawn)
            {
                RemoveFunctionCalls(update.Contents);
            }

            if (update.FinishReason is { } finishReason)
            {
                (update.AdditionalProperties ??= [])[DeepInfraMetadataKeys.FinishReason] = finishReason.Value;
            }

            IList<AIContent> contents = update.Contents;
            for (int i = 0; i < contents.Count; i++)
            {
                if (contents[i] is UsageContent usage)
                {
                    AdditionalPropertiesDictionary properties = update.AdditionalProperties ??= [];
                    properties[DeepInfraMetadataKeys.Usage] = usage.Details;
                    properties[DeepInfraMetadataKeys.EstimatedCost] = ReadCost(update.AdditionalProperties);
                }
            }

            yield return update;
        }
    }

    /// <summary>
    /// Applies the service's DeepInfra settings (<see cref="SettingsMapper.SettingsKey"/>) to a copy of the options. Under
    /// <c>FunctionChoiceBehavior.Required()</c> only the first request of the loop forces a call (Semantic Kernel marks it
    /// with <see cref="RequiredChatToolMode"/>); later requests go without tools, reported by <paramref name="toolsWithdrawn"/>.
    /// </summary>
    private static ChatOptions? WithoutRequiredLoop(ChatOptions? options, out bool toolsWithdrawn)
    {
        toolsWithdrawn = false;
        if (options?.AdditionalProperties is not { } carried
            || !carried.TryGetValue(SettingsMapper.SettingsKey, out object? value)
            || value is not DeepInfraPromptExecutionSettings settings)
        {
            return options;
        }

        ChatOptions copy = options.Clone();
        copy.AdditionalProperties!.Remove(SettingsMapper.SettingsKey);
        SettingsMapper.ApplyTo(settings, copy);
        if (settings.FunctionChoiceBehavior is RequiredFunctionChoiceBehavior && copy.Tools is { Count: > 0 } && copy.ToolMode is not RequiredChatToolMode)
        {
            copy.Tools = null;
            copy.ToolMode = null;
            toolsWithdrawn = true;
        }

        return copy;
    }

    /// <summary>Calls to tools that were not offered would restart the loop; they are not part of the answer.</summary>
    private static void RemoveFunctionCalls(IList<AIContent> contents)
    {
        for (int i = contents.Count - 1; i >= 0; i--)
        {
            if (contents[i] is FunctionCallContent)
            {
                contents.RemoveAt(i);
            }
        }
    }

    public static double? ReadCost(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(DeepInfraPropertyNames.EstimatedCost, out object? value) && value is double cost ? cost : null;
}
