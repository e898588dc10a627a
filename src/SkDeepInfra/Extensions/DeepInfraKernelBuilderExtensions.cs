using System;
using System.Net.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkDeepInfra;

namespace Microsoft.SemanticKernel;

/// <summary>Adds DeepInfra chat completion and embedding generation to a Semantic Kernel <see cref="IKernelBuilder"/>.</summary>
public static class DeepInfraKernelBuilderExtensions
{
    /// <summary>Adds a <see cref="DeepInfraChatCompletionService"/> to the kernel's services.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The DeepInfra model id, e.g. <c>meta-llama/Meta-Llama-3.1-8B-Instruct</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> reads <c>DEEPINFRA_TOKEN</c>.</param>
    /// <param name="endpoint">The base address; <see langword="null"/> for DeepInfra's.</param>
    /// <param name="serviceId">A key for the registration, to select among several models.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null or white space.</exception>
    public static IKernelBuilder AddDeepInfraChatCompletion(
        this IKernelBuilder builder,
        string modelId,
        string? apiKey = null,
        Uri? endpoint = null,
        string? serviceId = null,
        HttpClient? httpClient = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        builder.Services.AddDeepInfraChatCompletion(modelId, apiKey, endpoint, serviceId, httpClient);
        return builder;
    }

    /// <summary>Adds a <see cref="DeepInfraChatCompletionService"/> configured from a section (<c>ModelId</c>, <c>ApiKey</c>, <c>Endpoint</c>, <c>MaxRetries</c>).</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The DeepInfra configuration section, e.g. <c>configuration.GetSection("DeepInfra")</c>.</param>
    /// <param name="serviceId">A key for the registration, to select among several models.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is null.</exception>
    public static IKernelBuilder AddDeepInfraChatCompletion(
        this IKernelBuilder builder,
        IConfiguration configuration,
        string? serviceId = null,
        HttpClient? httpClient = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        builder.Services.AddDeepInfraChatCompletion(configuration, serviceId, httpClient);
        return builder;
    }

    /// <summary>
    /// Adds a <see cref="DeepInfraEmbeddingGenerator"/> to the kernel's services as an
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of strings and float embeddings, keyed by <paramref name="serviceId"/> when given.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The DeepInfra embedding model id, e.g. <c>BAAI/bge-large-en-v1.5</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> reads <c>DEEPINFRA_TOKEN</c>.</param>
    /// <param name="endpoint">The base address; <see langword="null"/> for DeepInfra's.</param>
    /// <param name="dimensions">The default <c>dimensions</c> (at least 32); <see langword="null"/> for the model's own.</param>
    /// <param name="serviceId">A key for the registration, to select among several models.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 32.</exception>
    public static IKernelBuilder AddDeepInfraEmbeddingGenerator(
        this IKernelBuilder builder,
        string modelId,
        string? apiKey = null,
        Uri? endpoint = null,
        int? dimensions = null,
        string? serviceId = null,
        HttpClient? httpClient = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        builder.Services.AddKeyedDeepInfraEmbeddingGenerator(serviceId, modelId, apiKey, endpoint, dimensions, httpClient);
        return builder;
    }

    /// <summary>
    /// Adds a <see cref="DeepInfraEmbeddingGenerator"/> configured from a section (<c>ModelId</c>, <c>ApiKey</c>, <c>Endpoint</c>,
    /// <c>MaxRetries</c>, <c>Dimensions</c>), keyed by <paramref name="serviceId"/> when given.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="serviceId">A key for the registration, to select among several models.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is null.</exception>
    public static IKernelBuilder AddDeepInfraEmbeddingGenerator(
        this IKernelBuilder builder,
        IConfiguration configuration,
        string? serviceId = null,
        HttpClient? httpClient = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        builder.Services.AddKeyedDeepInfraEmbeddingGenerator(serviceId, configuration, httpClient);
        return builder;
    }
}
