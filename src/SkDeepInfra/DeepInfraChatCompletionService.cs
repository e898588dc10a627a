using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra.Internal.SemanticKernel;

namespace SkDeepInfra;

/// <summary>
/// Semantic Kernel's <see cref="IChatCompletionService"/> for DeepInfra: a thin facade over <see cref="DeepInfraChatClient"/>
/// with Semantic Kernel's own function-invocation loop, so <see cref="FunctionChoiceBehavior"/>, auto-invocation and
/// function-invocation filters and streaming auto-invoke work as with any first-party connector.
/// </summary>
/// <remarks>
/// Settings of any type are read as <see cref="DeepInfraPromptExecutionSettings"/>. Every reply's metadata carries
/// <see cref="DeepInfraMetadataKeys.Usage"/>, <see cref="DeepInfraMetadataKeys.FinishReason"/> and
/// <see cref="DeepInfraMetadataKeys.EstimatedCost"/> (summed over every model call of an auto-invoke loop).
/// </remarks>
public sealed class DeepInfraChatCompletionService : IChatCompletionService
{
    private readonly IChatCompletionService _inner;

    /// <summary>Creates the service for one model.</summary>
    /// <param name="modelId">The DeepInfra model, e.g. <c>meta-llama/Meta-Llama-3.1-8B-Instruct</c>.</param>
    /// <param name="options">Key, endpoint and retries; <see langword="null"/> for the defaults (key from <c>DEEPINFRA_TOKEN</c>).</param>
    /// <param name="httpClient">A client to send with; never disposed by this instance.</param>
    /// <param name="loggerFactory">Logs requests and function invocations.</param>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null, empty or white space.</exception>
    public DeepInfraChatCompletionService(string modelId, DeepInfraClientOptions? options = null, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
        : this(new DeepInfraChatClient(modelId, options, httpClient, loggerFactory), loggerFactory)
    {
    }

    internal DeepInfraChatCompletionService(IChatClient chatClient, ILoggerFactory? loggerFactory)
    {
        ChatClient = chatClient;
        _inner = chatClient.AsBuilder()
            .UseKernelFunctionInvocation(loggerFactory)
            .Use(static inner => new SemanticKernelMetadataChatClient(inner))
            .Build()
            .AsChatCompletionService();
    }

    /// <summary>The <see cref="DeepInfraChatClient"/> this service sends through.</summary>
    public IChatClient ChatClient { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes => _inner.Attributes;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside DeepInfra's range (checked before sending).</exception>
    /// <exception cref="DeepInfraException">The call failed; see <see cref="DeepInfraChatClient"/>.</exception>
    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        CancellationToken cancellationToken = default)
    {
        if (chatHistory is null)
        {
            throw new ArgumentNullException(nameof(chatHistory));
        }

        int firstNew = chatHistory.Count;
        IReadOnlyList<ChatMessageContent> results = await _inner.GetChatMessageContentsAsync(
            chatHistory,
            SettingsMapper.ToKernelSettings(DeepInfraPromptExecutionSettings.FromExecutionSettings(executionSettings)),
            kernel,
            cancellationToken).ConfigureAwait(false);

        double? total = null;
        for (int i = firstNew; i < chatHistory.Count; i++)
        {
            total = Add(total, chatHistory[i].Metadata);
        }

        foreach (ChatMessageContent result in results)
        {
            total = Add(total, result.Metadata);
        }

        foreach (ChatMessageContent result in results)
        {
            Dictionary<string, object?> metadata = Copy(result.Metadata);
            metadata[DeepInfraMetadataKeys.EstimatedCost] = total;
            result.Metadata = metadata;
        }

        return results;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside DeepInfra's range (checked before sending).</exception>
    /// <exception cref="DeepInfraException">The call failed; text already streamed stays valid.</exception>
    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (chatHistory is null)
        {
            throw new ArgumentNullException(nameof(chatHistory));
        }

        DeepInfraPromptExecutionSettings settings = DeepInfraPromptExecutionSettings.FromExecutionSettings(executionSettings);
        double? totalCost = null;
        UsageDetails? totalUsage = null;
        await foreach (StreamingChatMessageContent update in _inner.GetStreamingChatMessageContentsAsync(chatHistory, SettingsMapper.ToKernelSettings(settings), kernel, cancellationToken).ConfigureAwait(false))
        {
            if (update.Metadata is { } metadata && metadata.TryGetValue(DeepInfraMetadataKeys.Usage, out object? usage) && ToUsageDetails(usage) is { } details)
            {
                // A new total per update: an update already yielded keeps the usage it was yielded with.
                var sum = new UsageDetails();
                if (totalUsage is not null)
                {
                    sum.Add(totalUsage);
                }

                sum.Add(details);
                totalUsage = sum;
                totalCost = Add(totalCost, metadata);
                Dictionary<string, object?> copy = Copy(metadata);
                copy[DeepInfraMetadataKeys.Usage] = totalUsage;
                copy[DeepInfraMetadataKeys.EstimatedCost] = totalCost;
                update.Metadata = copy;
            }

            yield return update;
        }
    }

    /// <summary>Semantic Kernel's update conversion replaces the stamped <see cref="UsageDetails"/> with the <see cref="UsageContent"/> they came in.</summary>
    private static UsageDetails? ToUsageDetails(object? usage) => usage switch
    {
        UsageDetails details => details,
        UsageContent content => content.Details,
        _ => null,
    };

    private static double? Add(double? total, IReadOnlyDictionary<string, object?>? metadata) =>
        metadata is not null && metadata.TryGetValue(DeepInfraMetadataKeys.EstimatedCost, out object? value) && value is double cost
            ? (total ?? 0) + cost
            : total;

    private static Dictionary<string, object?> Copy(IReadOnlyDictionary<string, object?>? metadata)
    {
        var copy = new Dictionary<string, object?>((metadata?.Count ?? 0) + 2, StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach (KeyValuePair<string, object?> entry in metadata)
            {
                copy[entry.Key] = entry.Value;
            }
        }

        return copy;
    }
}
