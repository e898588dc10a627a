using System;
using System.Net.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DeepInfra chat services in an <see cref="IServiceCollection"/>.</summary>
public static class DeepInfraServiceCollectionExtensions
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
