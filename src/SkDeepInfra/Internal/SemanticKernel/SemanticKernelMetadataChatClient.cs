using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Sits under Semantic Kernel's function-invocation loop and stamps each model call's finish reason, usage and
/// estimated cost into the message or update properties that become <c>ChatMessageContent.Metadata</c>.
/// </summary>
internal sealed class SemanticKernelMetadataChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
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
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (update.FinishReason is { } finishReason)
            {
                (update.AdditionalProperties ??= [])[DeepInfraMetadataKeys.FinishReason] = finishReason.Value;
            }

            foreach (AIContent content in update.Contents)
            {
                if (content is UsageContent usage)
                {
                    AdditionalPropertiesDictionary properties = update.AdditionalProperties ??= [];
                    properties[DeepInfraMetadataKeys.Usage] = usage.Details;
                    properties[DeepInfraMetadataKeys.EstimatedCost] = ReadCost(update.AdditionalProperties);
                }
            }

            yield return update;
        }
    }

    public static double? ReadCost(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(DeepInfraPropertyNames.EstimatedCost, out object? value) && value is double cost ? cost : null;
}
