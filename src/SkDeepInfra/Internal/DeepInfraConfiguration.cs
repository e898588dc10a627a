using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SkDeepInfra.Internal;

/// <summary>
/// Reads a configuration section (<c>ModelId</c>, <c>ApiKey</c>, <c>Endpoint</c>, <c>MaxRetries</c>) without the reflection
/// binder, so registrations from configuration stay trimming- and AOT-safe. Errors name the key and its path.
/// </summary>
internal static class DeepInfraConfiguration
{
    public static (string ModelId, DeepInfraClientOptions Options) Read(IConfiguration section)
    {
        string modelId = section["ModelId"] is { Length: > 0 } model && !string.IsNullOrWhiteSpace(model)
            ? model
            : throw new InvalidOperationException($"Configuration '{PathOf(section, "ModelId")}' is required, e.g. 'meta-llama/Meta-Llama-3.1-8B-Instruct'.");

        var options = new DeepInfraClientOptions { ApiKey = section["ApiKey"] is { Length: > 0 } key ? key : null };

        if (section["Endpoint"] is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"Configuration '{PathOf(section, "Endpoint")}' must be an absolute http or https URI; got '{endpoint}'.");
            }

            options.Endpoint = uri;
        }

        if (section["MaxRetries"] is { Length: > 0 } retries)
        {
            if (!int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count is < 0 or > 10)
            {
                throw new InvalidOperationException($"Configuration '{PathOf(section, "MaxRetries")}' must be a whole number in [0, 10]; got '{retries}'.");
            }

            options.MaxRetries = count;
        }

        return (modelId, options);
    }

    private static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? path + ":" + key : key;
}
