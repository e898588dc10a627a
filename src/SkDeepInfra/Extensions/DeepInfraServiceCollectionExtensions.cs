using System;
using System.Net.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra;
using SkDeepInfra.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DeepInfra chat, embedding and model catalog services in an <see cref="IServiceCollection"/>.</summary>
public static partial class DeepInfraServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="DeepInfraChatCompletionService"/> as Semantic Kernel's <see cref="IChatCompletionService"/>,
    /// keyed by <paramref name="serviceId"/> when given. The <see cref="ILoggerFactory"/> and, when
    /// <paramref name="httpClient"/> is null, an <see cref="HttpClient"/> are taken from the container if registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelId">The DeepInfra model id.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> reads <c>DEEPINFRA_TOKEN</c>.</param>
    /// <param name="endpoint">The base address; <see langword="null"/> for DeepInfra's.</param>
    /// <param name="serviceId">A key for the registration, to select among several models.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null or white space.</exception>
    public static IServiceCollection AddDeepInfraChatCompletion(
        this IServiceCollection services,
        string modelId,
        string? apiKey = null,
        Uri? endpoint = null,
        string? serviceId = null,
        HttpClient? httpClient = null)
    {
        Guard(services, modelId);
        return services.AddKeyedSingleton<IChatCompletionService>(serviceId, (provider, _) =>
            new DeepInfraChatCompletionService(
                modelId,
                CreateOptions(apiKey, endpoint),
                httpClient ?? provider.GetService<HttpClient>(),
                provider.GetService<ILoggerFactory>()));
    }

    /// <summary>
    /// Registers a <see cref="DeepInfraChatClient"/> as the container's <see cref="IChatClient"/> and returns the builder,
    /// so middleware can be added: <c>.UseFunctionInvocation().UseLogging().UseOpenTelemetry()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelId">The DeepInfra model id.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> reads <c>DEEPINFRA_TOKEN</c>.</param>
    /// <param name="endpoint">The base address; <see langword="null"/> for DeepInfra's.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns>The pipeline builder for the registered client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null or white space.</exception>
    public static ChatClientBuilder AddDeepInfraChatClient(
        this IServiceCollection services,
        string modelId,
        string? apiKey = null,
        Uri? endpoint = null,
        HttpClient? httpClient = null)
    {
        Guard(services, modelId);
        return services.AddChatClient(provider =>
            new DeepInfraChatClient(
                modelId,
                CreateOptions(apiKey, endpoint),
                httpClient ?? provider.GetService<HttpClient>(),
                provider.GetService<ILoggerFactory>()));
    }

    /// <summary>
    /// Registers a <see cref="DeepInfraChatCompletionService"/> configured from a section with <c>ModelId</c> (required),
    /// <c>ApiKey</c>, <c>Endpoint</c> and <c>MaxRetries</c>, e.g. <c>configuration.GetSection("DeepInfra")</c>.
    /// The section is read when the service is first resolved.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The DeepInfra configuration section.</param>
    /// <param name="serviceId">A key for the registration, to select among several models.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="InvalidOperationException">On resolution: <c>ModelId</c> is missing, or a value is invalid (the message names its path).</exception>
    public static IServiceCollection AddDeepInfraChatCompletion(
        this IServiceCollection services,
        IConfiguration configuration,
        string? serviceId = null,
        HttpClient? httpClient = null)
    {
        Guard(services, configuration);
        return services.AddKeyedSingleton<IChatCompletionService>(serviceId, (provider, _) =>
        {
            (string modelId, DeepInfraClientOptions options) = DeepInfraConfiguration.Read(configuration);
            return new DeepInfraChatCompletionService(modelId, options, httpClient ?? provider.GetService<HttpClient>(), provider.GetService<ILoggerFactory>());
        });
    }

    /// <summary>
    /// Registers a <see cref="DeepInfraChatClient"/> configured from a section with <c>ModelId</c> (required), <c>ApiKey</c>,
    /// <c>Endpoint</c> and <c>MaxRetries</c>, e.g. <c>configuration.GetSection("DeepInfra")</c>, and returns the pipeline builder.
    /// The section is read when the client is first resolved.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The DeepInfra configuration section.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns>The pipeline builder for the registered client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="InvalidOperationException">On resolution: <c>ModelId</c> is missing, or a value is invalid (the message names its path).</exception>
    public static ChatClientBuilder AddDeepInfraChatClient(this IServiceCollection services, IConfiguration configuration, HttpClient? httpClient = null)
    {
        Guard(services, configuration);
        return services.AddChatClient(provider => CreateClient(provider, configuration, httpClient));
    }

    /// <summary>Registers a <see cref="DeepInfraChatClient"/> as a keyed <see cref="IChatClient"/>, for several models side by side.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve the client with.</param>
    /// <param name="modelId">The DeepInfra model id.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> reads <c>DEEPINFRA_TOKEN</c>.</param>
    /// <param name="endpoint">The base address; <see langword="null"/> for DeepInfra's.</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns>The pipeline builder for the registered client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null or white space.</exception>
    public static ChatClientBuilder AddKeyedDeepInfraChatClient(
        this IServiceCollection services,
        object? serviceKey,
        string modelId,
        string? apiKey = null,
        Uri? endpoint = null,
        HttpClient? httpClient = null)
    {
        Guard(services, modelId);
        return services.AddKeyedChatClient(serviceKey, provider =>
            new DeepInfraChatClient(modelId, CreateOptions(apiKey, endpoint), httpClient ?? provider.GetService<HttpClient>(), provider.GetService<ILoggerFactory>()));
    }

    /// <summary>Registers a <see cref="DeepInfraChatClient"/> configured from a section as a keyed <see cref="IChatClient"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve the client with.</param>
    /// <param name="configuration">The configuration section (<c>ModelId</c>, <c>ApiKey</c>, <c>Endpoint</c>, <c>MaxRetries</c>).</param>
    /// <param name="httpClient">A client to send with; never disposed.</param>
    /// <returns>The pipeline builder for the registered client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="InvalidOperationException">On resolution: <c>ModelId</c> is missing, or a value is invalid (the message names its path).</exception>
    public static ChatClientBuilder AddKeyedDeepInfraChatClient(this IServiceCollection services, object? serviceKey, IConfiguration configuration, HttpClient? httpClient = null)
    {
        Guard(services, configuration);
        return services.AddKeyedChatClient(serviceKey, provider => CreateClient(provider, configuration, httpClient));
    }

    private static DeepInfraChatClient CreateClient(IServiceProvider provider, IConfiguration configuration, HttpClient? httpClient)
    {
        (string modelId, DeepInfraClientOptions options) = DeepInfraConfiguration.Read(configuration);
        return new DeepInfraChatClient(modelId, options, httpClient ?? provider.GetService<HttpClient>(), provider.GetService<ILoggerFactory>());
    }

    private static void Guard(IServiceCollection services, IConfiguration configuration)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }
    }

    private static DeepInfraClientOptions CreateOptions(string? apiKey, Uri? endpoint)
    {
        var options = new DeepInfraClientOptions { ApiKey = apiKey };
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        return options;
    }

    private static void Guard(IServiceCollection services, string modelId)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new ArgumentException("A model id is required, e.g. 'meta-llama/Meta-Llama-3.1-8B-Instruct'.", nameof(modelId));
        }
    }
}
