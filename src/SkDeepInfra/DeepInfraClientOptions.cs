using System;

namespace SkDeepInfra;

/// <summary>
/// Connection settings shared by <see cref="DeepInfraChatClient"/>, <see cref="DeepInfraChatCompletionService"/>,
/// <see cref="DeepInfraEmbeddingGenerator"/> and <see cref="DeepInfraModelCatalog"/>.
/// </summary>
/// <remarks>The options are read once, when a client is constructed; later changes do not affect existing clients.</remarks>
public sealed class DeepInfraClientOptions
{
    /// <summary>The environment variable read when <see cref="ApiKey"/> is <see langword="null"/>.</summary>
    public const string ApiKeyEnvironmentVariable = "DEEPINFRA_TOKEN";

    /// <summary>DeepInfra's OpenAI-compatible base address.</summary>
    public static Uri DefaultEndpoint { get; } = new("https://api.deepinfra.com/v1/openai/");

    internal const long DefaultMaxResponseBytes = 16 * 1024 * 1024;
    internal const long DefaultMaxStreamEventBytes = 1024 * 1024;
    internal const int MaxMaxRetries = 10;
    internal const long MinLimitBytes = 1024;
    internal const long MaxLimitBytes = int.MaxValue;

    private Uri _endpoint = DefaultEndpoint;
    private int _maxRetries = 3;
    private long _maxResponseBytes = DefaultMaxResponseBytes;
    private long _maxStreamEventBytes = DefaultMaxStreamEventBytes;

    /// <summary>
    /// The API key sent as <c>Authorization: Bearer</c>. When <see langword="null"/>, the client reads the
    /// <c>DEEPINFRA_TOKEN</c> environment variable at construction; when neither is set, no header is sent
    /// (useful for local emulators) and DeepInfra answers 401.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The base address; requests go to <c>{Endpoint}chat/completions</c>, <c>{Endpoint}embeddings</c> and <c>{Endpoint}models</c>.
    /// Default <see cref="DefaultEndpoint"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value is not an absolute http or https URI.</exception>
    public Uri Endpoint
    {
        get => _endpoint;
        set
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            if (!IsHttpEndpoint(value))
            {
                throw new ArgumentException($"Endpoint must be an absolute http or https URI; got '{value}'.", nameof(value));
            }

            _endpoint = value;
        }
    }

    /// <summary>
    /// How many times a failed request is retried (408, 429, 500, 502, 503, 504 and connection failures).
    /// Default 3; 0 disables retries. Allowed range [0, 10].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 10].</exception>
    public int MaxRetries
    {
        get => _maxRetries;
        set
        {
            if (value is < 0 or > MaxMaxRetries)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRetries must be in [0, 10].");
            }

            _maxRetries = value;
        }
    }

    /// <summary>
    /// The largest reply body read for a non-streaming call, in bytes: a bigger one (by its <c>Content-Length</c>, or as it
    /// arrives) fails with <see cref="DeepInfraException"/> and is not read further, so memory stays bounded whatever the
    /// server sends. Error bodies beyond it are cut to it, and in a stream the tool calls being assembled from fragments
    /// (ids, names and arguments, in characters) count against it. Default 16 MiB (16,777,216); allowed range
    /// [1024, 2,147,483,647].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1024, 2,147,483,647].</exception>
    public long MaxResponseBytes
    {
        get => _maxResponseBytes;
        set => _maxResponseBytes = CheckLimit(value);
    }

    /// <summary>
    /// The largest single server-sent event read from a stream, in bytes (its lines, without line breaks). A bigger event,
    /// or a line that never ends, fails the stream with <see cref="DeepInfraException"/>; updates already yielded stay
    /// valid. A stream as a whole has no limit: it is read event by event. Default 1 MiB (1,048,576); allowed range
    /// [1024, 2,147,483,647].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1024, 2,147,483,647].</exception>
    public long MaxStreamEventBytes
    {
        get => _maxStreamEventBytes;
        set => _maxStreamEventBytes = CheckLimit(value);
    }

    /// <summary>
    /// Whether each streamed <see cref="Microsoft.Extensions.AI.ChatResponseUpdate"/> carries the chunk it came from, as a
    /// <see cref="System.Text.Json.JsonElement"/>, in its <c>RawRepresentation</c>. Off by default: reading every chunk a
    /// second time into its own document costs more than a tenth of a stream's time and more than doubles its allocations
    /// (see docs/benchmarks.md). Non-streaming replies always carry theirs.
    /// </summary>
    public bool StreamingRawRepresentation { get; set; }

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>The endpoint, retry count and whether a key is set.</returns>
    public override string ToString() =>
        $"DeepInfraClientOptions {{ Endpoint = {Endpoint}, MaxRetries = {MaxRetries}, MaxResponseBytes = {MaxResponseBytes}, MaxStreamEventBytes = {MaxStreamEventBytes}, ApiKey = {(ApiKey is null ? "(not set)" : "***")} }}";

    /// <summary>Whether <paramref name="endpoint"/> is an absolute http or https URI.</summary>
    internal static bool IsHttpEndpoint(Uri endpoint) =>
        endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps);

    /// <summary>Whether <paramref name="bytes"/> is an allowed size limit.</summary>
    internal static bool IsLimit(long bytes) => bytes is >= MinLimitBytes and <= MaxLimitBytes;

    private static long CheckLimit(long value) =>
        IsLimit(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"The limit must be in [{MinLimitBytes}, {MaxLimitBytes}] bytes.");
}
