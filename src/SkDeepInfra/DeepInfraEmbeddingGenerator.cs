using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Internal;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for DeepInfra's OpenAI-compatible embeddings endpoint
/// (<c>POST {Endpoint}embeddings</c>). Thread-safe; create one per model and reuse it.
/// </summary>
/// <remarks>
/// <para>Vectors travel base64-encoded (<c>encoding_format: base64</c>), a third of the size of JSON numbers and decoded
/// without parsing text; <c>AdditionalProperties["encoding_format"] = "float"</c> asks for JSON numbers instead. Large inputs
/// are split into requests of at most <see cref="MaxBatchSize"/> values, sent <see cref="MaxConcurrentRequests"/> at a time;
/// the result keeps the input order, and its <see cref="GeneratedEmbeddings{TEmbedding}.Usage"/> and
/// <see cref="DeepInfraPropertyNames.EstimatedCost"/> add up every request.</para>
/// <para>Errors, retries and logging are the chat client's: failed calls throw <see cref="DeepInfraException"/>, bad input
/// throws before anything is sent. Keys in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> other than
/// <c>encoding_format</c> and <c>user</c> (e.g. <c>service_tier</c>) pass to the body by name.</para>
/// <para>A <see cref="System.Text.Json.Nodes.JsonObject"/> returned by <see cref="EmbeddingGenerationOptions.RawRepresentationFactory"/>
/// is merged into every batch's body: its members win over the mapped ones of the same name and are sent unchecked;
/// <c>input</c> always holds the batch. A factory result of any other type is ignored.</para>
/// </remarks>
public sealed class DeepInfraEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The most values DeepInfra embeds in one request.</summary>
    public const int MaxInputsPerRequest = 1024;

    private const int MaxConcurrency = 16;

    private readonly string _modelId;
    private readonly Uri _embeddingsUri;
    private readonly int? _defaultDimensions;
    private readonly int _maxBatchSize = 256;
    private readonly int _maxConcurrentRequests = 1;
    private EmbeddingGeneratorMetadata? _metadata;

    /// <summary>Creates a generator for one embedding model.</summary>
    /// <param name="modelId">The DeepInfra model, e.g. <c>BAAI/bge-large-en-v1.5</c>.</param>
    /// <param name="options">Key, endpoint, retries and size limits; <see langword="null"/> for the defaults (key from <c>DEEPINFRA_TOKEN</c>).</param>
    /// <param name="httpClient">A client to send with; never disposed by this instance. When <see langword="null"/>, one shared pooled client is used.
    /// If it has a <see cref="HttpClient.BaseAddress"/> and <paramref name="options"/> leaves the default endpoint, the base address is the endpoint.</param>
    /// <param name="loggerFactory">Logs requests, retries and failures; bodies only at Trace.</param>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null, empty or white space.</exception>
    public DeepInfraEmbeddingGenerator(string modelId, DeepInfraClientOptions? options = null, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new ArgumentException("A model id is required, e.g. 'BAAI/bge-large-en-v1.5'.", nameof(modelId));
        }

        _modelId = modelId;
        Pipeline = DeepInfraHttpPipeline.Create(options, httpClient, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DeepInfraEmbeddingGenerator>());
        _embeddingsUri = new Uri(Pipeline.Endpoint, "embeddings");
    }

    /// <summary>
    /// The <c>dimensions</c> sent when <see cref="EmbeddingGenerationOptions.Dimensions"/> is not set; <see langword="null"/> (the
    /// default) for the model's own. DeepInfra accepts at least 32, and pads with zeros above the model's size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 32.</exception>
    public int? DefaultDimensions
    {
        get => _defaultDimensions;
        init => _defaultDimensions = EmbeddingRequestMapper.CheckDimensions(value, nameof(DefaultDimensions));
    }

    /// <summary>The most values sent in one request. Default 256; allowed range [1, 1024] (<see cref="MaxInputsPerRequest"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 1024].</exception>
    public int MaxBatchSize
    {
        get => _maxBatchSize;
        init => _maxBatchSize = value is >= 1 and <= MaxInputsPerRequest
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), value, $"MaxBatchSize must be in [1, {MaxInputsPerRequest}]; got {value}.");
    }

    /// <summary>
    /// How many batch requests of one call run at once. Default 1 (one after another); allowed range [1, 16]. When one fails, the
    /// others are cancelled and the call throws that failure.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 16].</exception>
    public int MaxConcurrentRequests
    {
        get => _maxConcurrentRequests;
        init => _maxConcurrentRequests = value is >= 1 and <= MaxConcurrency
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests), value, $"MaxConcurrentRequests must be in [1, {MaxConcurrency}]; got {value}.");
    }

    internal DeepInfraHttpPipeline Pipeline { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">A value is null, or an AdditionalProperties key is one the generator sets itself.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimensions are below 32, or <c>encoding_format</c> is neither <c>float</c> nor <c>base64</c> (checked before sending).</exception>
    /// <exception cref="DeepInfraException">A request failed: an error status, an unreadable reply or one without a vector per input, or no response after all retries.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> inputs = EmbeddingRequestMapper.ToInputs(values);
        EmbeddingRequest template = EmbeddingRequestMapper.ToWireTemplate(options, _modelId, _defaultDimensions);
        RawRequestOverrides? overrides = RawRequestOverrides.From(options?.RawRepresentationFactory?.Invoke(this), "input");
        return inputs.Count == 0
            ? Task.FromResult(new GeneratedEmbeddings<Embedding<float>>())
            : GenerateCoreAsync(inputs, template, overrides, cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType is null ? throw new ArgumentNullException(nameof(serviceType)) :
        serviceKey is not null ? null :
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata ??= new EmbeddingGeneratorMetadata("deepinfra", Pipeline.Endpoint, _modelId, _defaultDimensions) :
        serviceType.IsInstanceOfType(this) ? this :
        null;

    /// <summary>Nothing to release: a caller's <see cref="HttpClient"/> is never disposed, and the shared one lives for the process.</summary>
    public void Dispose()
    {
    }

    /// <summary>Describes the generator (endpoint, model); never the key.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"DeepInfraEmbeddingGenerator {{ Endpoint = {Pipeline.Endpoint}, Model = {_modelId} }}";

    private async Task<GeneratedEmbeddings<Embedding<float>>> GenerateCoreAsync(IReadOnlyList<string> inputs, EmbeddingRequest template, RawRequestOverrides? overrides, CancellationToken cancellationToken)
    {
        int batchCount = (inputs.Count + _maxBatchSize - 1) / _maxBatchSize;
        Log.EmbeddingsStarting(Pipeline.Logger, template.Model, inputs.Count, batchCount);
        var vectors = new Embedding<float>[inputs.Count];
        var replies = new EmbeddingResponse[batchCount];
        if (batchCount == 1 || _maxConcurrentRequests == 1)
        {
            for (int batch = 0; batch < batchCount; batch++)
            {
                replies[batch] = await SendBatchAsync(inputs, template, overrides, batch, vectors, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await SendConcurrentlyAsync(inputs, template, overrides, vectors, replies, cancellationToken).ConfigureAwait(false);
        }

        return Combine(vectors, replies);
    }

    private async Task SendConcurrentlyAsync(IReadOnlyList<string> inputs, EmbeddingRequest template, RawRequestOverrides? overrides, Embedding<float>[] vectors, EmbeddingResponse[] replies, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int next = -1;
        Exception? failure = null;

        async Task WorkAsync()
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < replies.Length && !linked.IsCancellationRequested)
            {
                try
                {
                    replies[batch] = await SendBatchAsync(inputs, template, overrides, batch, vectors, linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    // The first failure wins; the cancellations it causes in the other workers do not replace it.
                    Interlocked.CompareExchange(ref failure, ex, null);
                    linked.Cancel();
                    return;
                }
            }
        }

        var workers = new Task[Math.Min(_maxConcurrentRequests, replies.Length)];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkAsync();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private async Task<EmbeddingResponse> SendBatchAsync(IReadOnlyList<string> inputs, EmbeddingRequest template, RawRequestOverrides? overrides, int batch, Embedding<float>[] vectors, CancellationToken cancellationToken)
    {
        int offset = batch * _maxBatchSize;
        int count = Math.Min(_maxBatchSize, inputs.Count - offset);
        EmbeddingRequest request = EmbeddingRequestMapper.ForBatch(template, inputs, offset, count);
        EmbeddingResponse reply = await EmbeddingCall.SendAsync(Pipeline, _embeddingsUri, request, overrides, cancellationToken).ConfigureAwait(false);
        EmbeddingResponseMapper.CopyInto(reply, vectors, offset, count, template.Model, Pipeline.Redactor);
        return reply;
    }

    private static GeneratedEmbeddings<Embedding<float>> Combine(Embedding<float>[] vectors, EmbeddingResponse[] replies)
    {
        UsageDetails? usage = null;
        double? cost = null;
        foreach (EmbeddingResponse reply in replies)
        {
            if (reply.Usage is { } wire)
            {
                (usage ??= new UsageDetails()).Add(new UsageDetails { InputTokenCount = wire.PromptTokens, TotalTokenCount = wire.TotalTokens ?? wire.PromptTokens });
                cost = wire.EstimatedCost is double c ? (cost ?? 0) + c : cost;
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors)
        {
            Usage = usage is { InputTokenCount: null, TotalTokenCount: null } ? null : usage,
        };

        if (cost is double total)
        {
            result.AdditionalProperties = new AdditionalPropertiesDictionary { [DeepInfraPropertyNames.EstimatedCost] = total };
        }

        return result;
    }
}
