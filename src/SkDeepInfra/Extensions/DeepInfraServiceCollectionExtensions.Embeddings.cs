using System;
using System.Net.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SkDeepInfra;
using SkDeepInfra.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Embedding generator and model catalog registrations.</summary>
public static partial class DeepInfraServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="DeepInfraEmbeddingGenerator"/> as the container's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// of strings and float embeddings, and returns the builder, so middleware can be added
    /// (<c>.UseLogging().UseOpenTelemetry()</c>). Semantic Kernel resolves it from the same registration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelId">The DeepInfra embedding model id, e.g. <c>BAAI/bge-large-en-v1.5</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> reads <c>DEEPINFRA_TOKEN</c>.</param>
    /// <param name="endpoint">The base address; <see langword="null"/> for DeepInfra's.</param>
    /// <param name="dimensions">The default <c>dimensions</c> (at least 32); <see langword="null"/> for the model's own.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns>The pipeline builder for the registered generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 32.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddDeepInfraEmbeddingGenerator(
        this IServiceCollection services,
        string modelId,
        string? apiKey = null,
        Uri? endpoint = null,
        int? dimensions = null,
        HttpClient? httpClient = null)
    {
        Guard(services, modelId);
        _ = EmbeddingRequestMapper.CheckDimensions(dimensions, nameof(dimensions));
        return services.AddEmbeddingGenerator(provider => CreateGenerator(provider, modelId, CreateOptions(apiKey, endpoint), dimensions, httpClient));
    }

    /// <summary>
    /// Registers a <see cref="DeepInfraEmbeddingGenerator"/> configured from a section with <c>ModelId</c> (required), <c>ApiKey</c>,
    /// <c>Endpoint</c>, <c>MaxRetries</c>, the size limits and <c>Dimensions</c>, e.g. <c>configuration.GetSection("DeepInfraEmbeddings")</c>.
    /// The section is read when the generator is first resolved.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns>The pipeline builder for the registered generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="InvalidOperationException">On resolution: <c>ModelId</c> is missing, or a value is invalid (the message names its path).</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddDeepInfraEmbeddingGenerator(this IServiceCollection services, IConfiguration configuration, HttpClient? httpClient = null)
    {
        Guard(services, configuration);
        return services.AddEmbeddingGenerator(provider => CreateGenerator(provider, configuration, httpClient));
    }

    /// <summary>Registers a <see cref="DeepInfraEmbeddingGenerator"/> as a keyed embedding generator, for several models side by side.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve the generator with.</param>
    /// <param name="modelId">The DeepInfra embedding model id.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> reads <c>DEEPINFRA_TOKEN</c>.</param>
    /// <param name="endpoint">The base address; <see langword="null"/> for DeepInfra's.</param>
    /// <param name="dimensions">The default <c>dimensions</c> (at least 32); <see langword="null"/> for the model's own.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns>The pipeline builder for the registered generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 32.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedDeepInfraEmbeddingGenerator(
        this IServiceCollection services,
        object? serviceKey,
        string modelId,
        string? apiKey = null,
        Uri? endpoint = null,
        int? dimensions = null,
        HttpClient? httpClient = null)
    {
        Guard(services, modelId);
        _ = EmbeddingRequestMapper.CheckDimensions(dimensions, nameof(dimensions));
        return services.AddKeyedEmbeddingGenerator(serviceKey, provider => CreateGenerator(provider, modelId, CreateOptions(apiKey, endpoint), dimensions, httpClient));
    }

    /// <summary>Registers a <see cref="DeepInfraEmbeddingGenerator"/> configured from a section as a keyed embedding generator.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve the generator with.</param>
    /// <param name="configuration">The configuration section (<c>ModelId</c>, <c>ApiKey</c>, <c>Endpoint</c>, <c>MaxRetries</c>, <c>Dimensions</c>).</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns>The pipeline builder for the registered generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="InvalidOperationException">On resolution: <c>ModelId</c> is missing, or a value is invalid (the message names its path).</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedDeepInfraEmbeddingGenerator(
        this IServiceCollection services,
        object? serviceKey,
        IConfiguration configuration,
        HttpClient? httpClient = null)
    {
        Guard(services, configuration);
        return services.AddKeyedEmbeddingGenerator(serviceKey, provider => CreateGenerator(provider, configuration, httpClient));
    }

    /// <summary>
    /// Registers one <see cref="DeepInfraModelCatalog"/> as a singleton (unless one is already registered), so its cache is
    /// shared by everything that resolves it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> reads <c>DEEPINFRA_TOKEN</c> (the catalog itself is public).</param>
    /// <param name="endpoint">The base address; <see langword="null"/> for DeepInfra's.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddDeepInfraModelCatalog(this IServiceCollection services, string? apiKey = null, Uri? endpoint = null, HttpClient? httpClient = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        services.TryAddSingleton(provider =>
            new DeepInfraModelCatalog(CreateOptions(apiKey, endpoint), httpClient ?? provider.GetService<HttpClient>(), provider.GetService<ILoggerFactory>()));
        return services;
    }

    private static DeepInfraEmbeddingGenerator CreateGenerator(IServiceProvider provider, string modelId, DeepInfraClientOptions options, int? dimensions, HttpClient? httpClient) =>
        new(modelId, options, httpClient ?? provider.GetService<HttpClient>(), provider.GetService<ILoggerFactory>()) { DefaultDimensions = dimensions };

    private static DeepInfraEmbeddingGenerator CreateGenerator(IServiceProvider provider, IConfiguration configuration, HttpClient? httpClient)
    {
        (string modelId, DeepInfraClientOptions options) = DeepInfraConfiguration.Read(configuration);
        return CreateGenerator(provider, modelId, options, DeepInfraConfiguration.ReadDimensions(configuration), httpClient);
    }
}
