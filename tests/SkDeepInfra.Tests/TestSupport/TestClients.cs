using Microsoft.Extensions.Logging;

namespace SkDeepInfra.TestSupport;

/// <summary>Builds clients over a <see cref="RecordingHandler"/>, with retry delays recorded instead of slept.</summary>
public static class TestClients
{
    public const string ApiKey = "test-key-5f3a9c1e7b2d";

    public static DeepInfraChatClient Create(
        RecordingHandler handler,
        int maxRetries = 3,
        List<TimeSpan>? delays = null,
        ILoggerFactory? loggerFactory = null,
        string? apiKey = ApiKey,
        string model = Canned.Model)
    {
        var options = new DeepInfraClientOptions { ApiKey = apiKey, MaxRetries = maxRetries, Endpoint = new Uri("https://deepinfra.test/v1/openai/") };
        var client = new DeepInfraChatClient(model, options, new HttpClient(handler), loggerFactory);
        client.Pipeline.Delay = (delay, _) =>
        {
            delays?.Add(delay);
            return Task.CompletedTask;
        };
        return client;
    }

    /// <summary>An embedding generator over <paramref name="handler"/>, with retry delays recorded instead of slept.</summary>
    public static DeepInfraEmbeddingGenerator CreateGenerator(
        RecordingHandler handler,
        int maxRetries = 3,
        List<TimeSpan>? delays = null,
        ILoggerFactory? loggerFactory = null,
        int maxBatchSize = 256,
        int maxConcurrentRequests = 1,
        int? dimensions = null,
        string model = Canned.EmbeddingModel)
    {
        var options = new DeepInfraClientOptions { ApiKey = ApiKey, MaxRetries = maxRetries, Endpoint = new Uri("https://deepinfra.test/v1/openai/") };
        var generator = new DeepInfraEmbeddingGenerator(model, options, new HttpClient(handler), loggerFactory)
        {
            MaxBatchSize = maxBatchSize,
            MaxConcurrentRequests = maxConcurrentRequests,
            DefaultDimensions = dimensions,
        };
        generator.Pipeline.Delay = (delay, _) =>
        {
            delays?.Add(delay);
            return Task.CompletedTask;
        };
        return generator;
    }
}
