using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SkDeepInfra.Internal;

/// <summary>
/// Reads a configuration section (<c>ModelId</c>, <c>ApiKey</c>, <c>Endpoint</c>, <c>MaxRetries</c>, <c>MaxResponseBytes</c>,
/// <c>MaxStreamEventBytes</c>, and <c>Dimensions</c> for embeddings) without the reflection
/// binder, so registrations from configuration stay trimming- and AOT-safe. Errors name the key and its path.
/// </summary>
internal static class DeepInfraConfiguration
{
    public static (string ModelId, DeepInfraClientOptions Options) Read(IConfiguration section)
    {
        string modelId = section["ModelId"] is { Length: > 0 } model && !string.IsNullOrWhiteSpace(model)
            ? model
            : throw new InvalidOperationException($"Configuration '{PathOf(section, "ModelId")}' is required, e.g. 'meta-llama/Meta-Llama-3.1-8B-Instruct'.");

        return (modelId, ReadOptions(section));
    }

    /// <summary>The connection settings alone, for clients that need no model (the model catalog).</summary>
    public static DeepInfraClientOptions ReadOptions(IConfiguration section)
    {
        var options = new DeepInfraClientOptions { ApiKey = section["ApiKey"] is { Length: > 0 } key ? key : null };

        if (section["Endpoint"] is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || !DeepInfraClientOptions.IsHttpEndpoint(uri))
            {
                throw new InvalidOperationException($"Configuration '{PathOf(section, "Endpoint")}' must be an absolute http or https URI; got '{endpoint}'.");
            }

            options.Endpoint = uri;
        }

        if (section["MaxRetries"] is { Length: > 0 } retries)
        {
            if (!int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count is < 0 or > DeepInfraClientOptions.MaxMaxRetries)
            {
                throw new InvalidOperationException($"Configuration '{PathOf(section, "MaxRetries")}' must be a whole number in [0, {DeepInfraClientOptions.MaxMaxRetries}]; got '{retries}'.");
            }

            options.MaxRetries = count;
        }

        if (ReadLimit(section, "MaxResponseBytes") is long maxResponse)
        {
            options.MaxResponseBytes = maxResponse;
        }

        if (ReadLimit(section, "MaxStreamEventBytes") is long maxEvent)
        {
            options.MaxStreamEventBytes = maxEvent;
        }

        return options;
    }

    /// <summary>The optional <c>Dimensions</c> of an embedding registration: a whole number of at least 32.</summary>
    public static int? ReadDimensions(IConfiguration section)
    {
        if (section["Dimensions"] is not { Length: > 0 } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int dimensions) && dimensions >= EmbeddingRequestMapper.MinDimensions
            ? dimensions
            : throw new InvalidOperationException($"Configuration '{PathOf(section, "Dimensions")}' must be a whole number of at least {EmbeddingRequestMapper.MinDimensions}; got '{text}'.");
    }

    private static long? ReadLimit(IConfiguration section, string key)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long bytes) && DeepInfraClientOptions.IsLimit(bytes)
            ? bytes
            : throw new InvalidOperationException($"Configuration '{PathOf(section, key)}' must be a whole number of bytes in [{DeepInfraClientOptions.MinLimitBytes}, {DeepInfraClientOptions.MaxLimitBytes}]; got '{text}'.");
    }

    private static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? path + ":" + key : key;
}
