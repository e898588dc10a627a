using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;
using SkDeepInfra.Internal.SemanticKernel;

namespace SkDeepInfra;

/// <summary>
/// Semantic Kernel's <see cref="IChatCompletionService"/> for DeepInfra, behaving like Semantic Kernel's own OpenAI connector:
/// tools named <c>Plugin-Function</c>, <see cref="FunctionChoiceBehavior"/> and its options, auto-invocation with
/// <see cref="Kernel.AutoFunctionInvocationFilters"/> and <see cref="Kernel.FunctionInvocationFilters"/> (filters see and may
/// edit the caller's history and settings; edits count for the next request), streaming auto-invoke, and reasoning as
/// <see cref="ReasoningContent"/>. It sends through <see cref="DeepInfraChatClient"/>, the same transport as the
/// <see cref="IChatClient"/> front door.
/// </summary>
/// <remarks>
/// Settings are read as <see cref="DeepInfraPromptExecutionSettings"/> (see <see cref="DeepInfraPromptExecutionSettings.FromExecutionSettings"/>,
/// which also takes Semantic Kernel's <c>OpenAIPromptExecutionSettings</c>). Every reply's metadata carries
/// <see cref="DeepInfraMetadataKeys.Usage"/>, <see cref="DeepInfraMetadataKeys.FinishReason"/> and
/// <see cref="DeepInfraMetadataKeys.EstimatedCost"/> (the final reply's summed over every model call of an auto-invoke loop).
/// </remarks>
public sealed class DeepInfraChatCompletionService : IChatCompletionService
{
    private readonly KernelChatLoop _loop;

    /// <summary>Creates the service for one model.</summary>
    /// <param name="modelId">The DeepInfra model, e.g. <c>meta-llama/Meta-Llama-3.1-8B-Instruct</c>.</param>
    /// <param name="options">Key, endpoint and retries; <see langword="null"/> for the defaults (key from <c>DEEPINFRA_TOKEN</c>).</param>
    /// <param name="httpClient">A client to send with; never disposed by this instance.</param>
    /// <param name="loggerFactory">Logs requests and, at Debug, function calls that fail or are rejected.</param>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null, empty or white space.</exception>
    public DeepInfraChatCompletionService(string modelId, DeepInfraClientOptions? options = null, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
        : this(new DeepInfraChatClient(modelId, options, httpClient, loggerFactory), loggerFactory)
    {
    }

    internal DeepInfraChatCompletionService(IChatClient chatClient, ILoggerFactory? loggerFactory = null)
    {
        ChatClient = chatClient;
        var metadata = (ChatClientMetadata?)chatClient.GetService(typeof(ChatClientMetadata));
        var attributes = new Dictionary<string, object?>(2, StringComparer.Ordinal);
        if (metadata?.DefaultModelId is { } model)
        {
            attributes[AIServiceExtensions.ModelIdKey] = model;
        }

        if (metadata?.ProviderUri is { } endpoint)
        {
            attributes[AIServiceExtensions.EndpointKey] = endpoint.ToString();
        }

        Attributes = attributes;
        _loop = new KernelChatLoop(chatClient, metadata?.DefaultModelId, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DeepInfraChatCompletionService>());
    }

    /// <summary>The <see cref="DeepInfraChatClient"/> this service sends through.</summary>
    public IChatClient ChatClient { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="chatHistory"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting has the wrong type or no DeepInfra equivalent (checked before sending).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside DeepInfra's range (checked before sending).</exception>
    /// <exception cref="NotSupportedException">The history holds content DeepInfra cannot take.</exception>
    /// <exception cref="DeepInfraException">The call failed; see <see cref="DeepInfraChatClient"/>.</exception>
    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        CancellationToken cancellationToken = default) =>
        chatHistory is null
            ? throw new ArgumentNullException(nameof(chatHistory))
            : _loop.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="chatHistory"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting has the wrong type or no DeepInfra equivalent (checked before sending).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside DeepInfra's range (checked before sending).</exception>
    /// <exception cref="NotSupportedException">The history holds content DeepInfra cannot take.</exception>
    /// <exception cref="DeepInfraException">The call failed; text already streamed stays valid.</exception>
    public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        CancellationToken cancellationToken = default) =>
        chatHistory is null
            ? throw new ArgumentNullException(nameof(chatHistory))
            : _loop.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
}
