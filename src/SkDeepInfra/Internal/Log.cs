using System.Text;
using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Internal;

/// <summary>Source-generated log messages. Bodies are logged only at Trace; the API key never is.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "DeepInfra request starting: model {ModelId}, streaming {Streaming}.")]
    public static partial void RequestStarting(ILogger logger, string modelId, bool streaming);

    [LoggerMessage(2, LogLevel.Trace, "DeepInfra request body: {Body}")]
    public static partial void RequestBody(ILogger logger, string body);

    /// <summary>A request body at Trace, decoded only when Trace is on. (Bodies never hold the key: it travels in a header.)</summary>
    public static void RequestBody(ILogger logger, PooledBytes body)
    {
        if (logger.IsEnabled(LogLevel.Trace))
        {
            RequestBody(logger, Encoding.UTF8.GetString(body.Array, 0, body.Length));
        }
    }

    [LoggerMessage(3, LogLevel.Trace, "DeepInfra response body: {Body}")]
    public static partial void ResponseBody(ILogger logger, string body);

    [LoggerMessage(4, LogLevel.Information, "DeepInfra request completed: model {ModelId}, status {StatusCode}, {DurationMs} ms, input tokens {InputTokens}, output tokens {OutputTokens}, estimated cost {EstimatedCost} USD.")]
    public static partial void RequestCompleted(ILogger logger, string modelId, int statusCode, long durationMs, long? inputTokens, long? outputTokens, double? estimatedCost);

    [LoggerMessage(5, LogLevel.Warning, "DeepInfra request for model {ModelId} failed ({Reason}); retry {Attempt} of {MaxRetries} in {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string modelId, string reason, int attempt, int maxRetries, long delayMs);

    [LoggerMessage(6, LogLevel.Error, "DeepInfra request failed: model {ModelId}, status {StatusCode}, {DurationMs} ms: {Message}")]
    public static partial void RequestFailed(ILogger logger, string modelId, int? statusCode, long durationMs, string message);

    [LoggerMessage(7, LogLevel.Debug, "DeepInfra embeddings starting: model {ModelId}, {InputCount} input(s) in {RequestCount} request(s).")]
    public static partial void EmbeddingsStarting(ILogger logger, string modelId, int inputCount, int requestCount);

    [LoggerMessage(8, LogLevel.Information, "DeepInfra model catalog loaded: {ModelCount} models in {DurationMs} ms.")]
    public static partial void CatalogLoaded(ILogger logger, int modelCount, long durationMs);
}
