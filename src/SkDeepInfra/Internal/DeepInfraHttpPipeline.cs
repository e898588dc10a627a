using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Internal;

/// <summary>
/// Sends a request to one of DeepInfra's endpoints (<c>chat/completions</c>, <c>embeddings</c>, <c>models</c>) and returns a
/// successful response with its headers read.
/// Retries 408, 429, 500, 502, 503, 504, timeouts and connection failures, before any response byte is consumed;
/// never retries anything else. Every failure ends in a <see cref="DeepInfraException"/>; cancellation is never wrapped.
/// </summary>
internal sealed class DeepInfraHttpPipeline
{
    private static readonly ProductInfoHeaderValue s_userAgent =
        new("SkDeepInfra", typeof(DeepInfraHttpPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private static readonly MediaTypeHeaderValue s_contentJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptEvents = new("text/event-stream");

    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly int _maxRetries;
    private readonly ILogger _logger;

    public DeepInfraHttpPipeline(HttpClient http, Uri endpoint, string? apiKey, int maxRetries, ILogger logger)
    {
        _http = http;
        Endpoint = endpoint;
        ChatCompletionsUri = new Uri(endpoint, "chat/completions");
        _authorization = string.IsNullOrEmpty(apiKey) ? null : new AuthenticationHeaderValue("Bearer", apiKey);
        _maxRetries = maxRetries;
        _logger = logger;
        Redactor = new SecretRedactor(apiKey);
    }

    /// <summary>
    /// The pipeline a public client builds from its constructor arguments: the key from the options or <c>DEEPINFRA_TOKEN</c>,
    /// the caller's <see cref="HttpClient"/> or the shared one, and the endpoint (a caller client's base address stands in for
    /// the default endpoint).
    /// </summary>
    public static DeepInfraHttpPipeline Create(DeepInfraClientOptions? options, HttpClient? httpClient, ILogger logger) =>
        new(
            httpClient ?? SharedHttpClient.Instance,
            ResolveEndpoint(options, httpClient),
            options?.ApiKey ?? Environment.GetEnvironmentVariable(DeepInfraClientOptions.ApiKeyEnvironmentVariable),
            options?.MaxRetries ?? 3,
            logger)
        {
            MaxResponseBytes = options?.MaxResponseBytes ?? DeepInfraClientOptions.DefaultMaxResponseBytes,
            MaxStreamEventBytes = options?.MaxStreamEventBytes ?? DeepInfraClientOptions.DefaultMaxStreamEventBytes,
            StreamingRawRepresentation = options?.StreamingRawRepresentation ?? false,
        };

    /// <summary>The base address, ending in a slash; operations are relative to it.</summary>
    public Uri Endpoint { get; }

    public Uri ChatCompletionsUri { get; }

    public SecretRedactor Redactor { get; }

    public ILogger Logger => _logger;

    /// <summary>The largest reply body read (<see cref="DeepInfraClientOptions.MaxResponseBytes"/>).</summary>
    public long MaxResponseBytes { get; init; } = DeepInfraClientOptions.DefaultMaxResponseBytes;

    /// <summary>The largest stream event read (<see cref="DeepInfraClientOptions.MaxStreamEventBytes"/>).</summary>
    public long MaxStreamEventBytes { get; init; } = DeepInfraClientOptions.DefaultMaxStreamEventBytes;

    /// <summary>Whether stream updates carry their chunk's JSON (<see cref="DeepInfraClientOptions.StreamingRawRepresentation"/>).</summary>
    public bool StreamingRawRepresentation { get; init; }

    /// <summary>Waits between attempts; replaceable so tests can record delays instead of sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = static (delay, token) => Task.Delay(delay, token);

    /// <summary>Posts a chat completion body.</summary>
    public Task<HttpResponseMessage> SendAsync(PooledBytes body, bool streaming, string modelId, long startTimestamp, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, ChatCompletionsUri, body, streaming, modelId, startTimestamp, cancellationToken);

    /// <summary>Sends one request, retrying as the class describes; <paramref name="body"/> is <see langword="null"/> for a GET.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri target, PooledBytes? body, bool streaming, string modelId, long startTimestamp, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            HttpResponseMessage? response = null;
            Exception? failure = null;
            using (HttpRequestMessage request = CreateRequest(method, target, body, streaming))
            {
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    failure = ex;
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutException("The request timed out.", ex);
                }
            }

            if (response is not null && response.IsSuccessStatusCode)
            {
                return response;
            }

            bool retryable = response is null || IsRetryable(response.StatusCode);
            if (!retryable || attempt >= _maxRetries)
            {
                DeepInfraException error = response is null
                    ? DeepInfraErrors.Unreachable(target, attempt + 1, failure!, Redactor)
                    : await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                Log.RequestFailed(_logger, modelId, (int?)error.StatusCode, ElapsedMs(startTimestamp), error.Message);
                throw error;
            }

            TimeSpan delay = RetryDelays.For(attempt, response, DateTimeOffset.UtcNow);
            string reason = response is null ? failure!.GetType().Name : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response?.Dispose();
            Log.Retrying(_logger, modelId, reason, attempt + 1, _maxRetries, (long)delay.TotalMilliseconds);
            await Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    public static long ElapsedMs(long startTimestamp) =>
        (long)((Stopwatch.GetTimestamp() - startTimestamp) * 1000.0 / Stopwatch.Frequency);

    private static Uri ResolveEndpoint(DeepInfraClientOptions? options, HttpClient? httpClient)
    {
        Uri endpoint = options?.Endpoint ?? DeepInfraClientOptions.DefaultEndpoint;
        if (endpoint == DeepInfraClientOptions.DefaultEndpoint && httpClient?.BaseAddress is { IsAbsoluteUri: true } baseAddress)
        {
            endpoint = baseAddress;
        }

        string text = endpoint.ToString();
        return text.EndsWith("/", StringComparison.Ordinal) ? endpoint : new Uri(text + "/");
    }

    private static bool IsRetryable(HttpStatusCode status) => (int)status is 408 or 429 or 500 or 502 or 503 or 504;

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri target, PooledBytes? body, bool streaming)
    {
        var request = new HttpRequestMessage(method, target);
        if (body is { } bytes)
        {
            var content = new ByteArrayContent(bytes.Array, 0, bytes.Length);
            content.Headers.ContentType = s_contentJson;
            request.Content = content;
        }

        request.Headers.Authorization = _authorization;
        request.Headers.UserAgent.Add(s_userAgent);
        request.Headers.Accept.Add(streaming ? s_acceptEvents : s_acceptJson);
        return request;
    }

    private async Task<DeepInfraException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            string? body = null;
            try
            {
                PooledBytes bytes = await BoundedContent.ReadPrefixAsync(response.Content, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                body = Redactor.Decode(bytes.Span);
                bytes.Return();
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // The status is the error; a body cut short only loses its details.
            }

            return DeepInfraErrors.FromStatus(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, _authorization is not null);
        }
    }
}
