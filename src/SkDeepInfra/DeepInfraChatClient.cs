using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Internal;

namespace SkDeepInfra;

/// <summary>
/// An <see cref="IChatClient"/> for DeepInfra's OpenAI-compatible chat completions endpoint
/// (<c>POST {Endpoint}chat/completions</c>). Thread-safe; create one per model and reuse it.
/// </summary>
/// <remarks>
/// <para>Provider keys travel in <see cref="ChatOptions.AdditionalProperties"/> (see <see cref="DeepInfraPropertyNames"/>):
/// <c>min_p</c>, <c>repetition_penalty</c>, <c>reasoning_effort</c>, <c>user</c>; any other key is passed to the body by name.
/// Replies carry DeepInfra's <c>estimated_cost</c> (USD) under <see cref="DeepInfraPropertyNames.EstimatedCost"/>.</para>
/// <para>Failed calls throw <see cref="DeepInfraException"/>; out-of-range options throw before anything is sent.</para>
/// <para>Raw representations, as Microsoft.Extensions.AI's own clients keep them: <see cref="ChatResponse.RawRepresentation"/>
/// and its message's <see cref="ChatMessage.RawRepresentation"/> are the reply, as a <see cref="System.Text.Json.JsonElement"/>
/// of the JSON DeepInfra sent; with <see cref="DeepInfraClientOptions.StreamingRawRepresentation"/> each
/// <see cref="ChatResponseUpdate.RawRepresentation"/> is the stream chunk it came from. A <see cref="System.Text.Json.Nodes.JsonObject"/> returned by
/// <see cref="ChatOptions.RawRepresentationFactory"/> is merged into the request body: its members win over the mapped
/// ones of the same name and are sent unchecked, the mapped options fill in the rest; <c>messages</c> and <c>stream</c>
/// always follow the call. A factory result of any other type is ignored.</para>
/// </remarks>
public sealed class DeepInfraChatClient : IChatClient
{
    private readonly ChatClientMetadata _metadata;
    private readonly string _modelId;

    /// <summary>Creates a client for one model.</summary>
    /// <param name="modelId">The DeepInfra model, e.g. <c>meta-llama/Meta-Llama-3.1-8B-Instruct</c>.</param>
    /// <param name="options">Key, endpoint and retries; <see langword="null"/> for the defaults (key from <c>DEEPINFRA_TOKEN</c>).</param>
    /// <param name="httpClient">A client to send with; never disposed by this instance. When <see langword="null"/>, one shared pooled client is used.
    /// If it has a <see cref="HttpClient.BaseAddress"/> and <paramref name="options"/> leaves the default endpoint, the base address is the endpoint.</param>
    /// <param name="loggerFactory">Logs requests, retries and failures; bodies only at Trace.</param>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null, empty or white space.</exception>
    public DeepInfraChatClient(string modelId, DeepInfraClientOptions? options = null, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new ArgumentException("A model id is required, e.g. 'meta-llama/Meta-Llama-3.1-8B-Instruct'.", nameof(modelId));
        }

        _modelId = modelId;
        Pipeline = DeepInfraHttpPipeline.Create(options, httpClient, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DeepInfraChatClient>());
        _metadata = new ChatClientMetadata("deepinfra", Pipeline.Endpoint, modelId);
    }

    internal DeepInfraHttpPipeline Pipeline { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside DeepInfra's range (checked before sending).</exception>
    /// <exception cref="NotSupportedException">A message holds content DeepInfra cannot take, or a tool is not a function.</exception>
    /// <exception cref="DeepInfraException">The call failed: an error status, an unreadable reply, or no response after all retries.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestBody body = ChatCompletionRequestBody.Create(messages, options, this, _modelId, stream: false, Pipeline.Logger);
        return ChatCompletionCall.GetResponseAsync(Pipeline, body, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside DeepInfra's range (checked before sending).</exception>
    /// <exception cref="NotSupportedException">A message holds content DeepInfra cannot take, or a tool is not a function.</exception>
    /// <exception cref="DeepInfraException">The call failed, including an error frame inside the stream or a stream that ended before its finish chunk
    /// (updates already yielded stay valid).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestBody body = ChatCompletionRequestBody.Create(messages, options, this, _modelId, stream: true, Pipeline.Logger);
        return ChatCompletionCall.StreamAsync(Pipeline, body, cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType is null ? throw new ArgumentNullException(nameof(serviceType)) :
        serviceKey is not null ? null :
        serviceType == typeof(ChatClientMetadata) ? _metadata :
        serviceType.IsInstanceOfType(this) ? this :
        null;

    /// <summary>Nothing to release: a caller's <see cref="HttpClient"/> is never disposed, and the shared one lives for the process.</summary>
    public void Dispose()
    {
    }

    /// <summary>Describes the client (provider, endpoint, model); never the key.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"DeepInfraChatClient {{ Endpoint = {_metadata.ProviderUri}, Model = {_modelId} }}";
}
