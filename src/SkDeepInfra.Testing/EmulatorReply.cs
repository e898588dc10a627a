using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using SkDeepInfra.Testing.Replies;

namespace SkDeepInfra.Testing;

/// <summary>
/// What one chat request gets back: a completion (text, JSON text, tool calls, reasoning) shaped as a JSON body or a
/// stream, or a verbatim error/raw body, plus faults. Instances are immutable; every <c>With…</c> method returns a
/// changed copy, so one reply can be enqueued many times.
/// </summary>
public sealed partial class EmulatorReply
{
    /// <summary>The default number of characters per streamed content or argument piece: 4.</summary>
    public const int DefaultChunkSize = 4;

    private EmulatorReply()
    {
    }

    internal int StatusCode { get; private set; } = 200;

    internal string? RawBody { get; private set; }

    internal string ContentType { get; private set; } = "application/json";

    internal string? Content { get; private set; }

    internal string? Reasoning { get; private set; }

    internal IReadOnlyList<EmulatorToolCall> Calls { get; private set; } = [];

    internal string? FinishReason { get; private set; }

    internal bool OmitUsage { get; private set; }

    internal UsageOverride? Usage { get; private set; }

    internal bool IsRaw => RawBody is not null;

    /// <summary>Creates a completion whose assistant content is <paramref name="text"/>; finish reason <c>stop</c>.</summary>
    /// <param name="text">The assistant's content.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static EmulatorReply Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new EmulatorReply { Content = text };
    }

    /// <summary>
    /// Creates a completion whose content is JSON text, as a model in JSON mode answers. The text is checked to be
    /// well-formed and sent verbatim; use <see cref="Text"/> to send malformed JSON on purpose.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not well-formed JSON.</exception>
    public static EmulatorReply Json(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException("The text is not well-formed JSON.", nameof(json), exception);
        }

        return new EmulatorReply { Content = json };
    }

    /// <summary>
    /// Creates a completion with tool calls, <c>content</c> null and finish reason <c>tool_calls</c>. In a stream each
    /// call's first fragment carries <c>index</c>, <c>id</c>, <c>type</c> and <c>name</c>; the arguments follow in pieces.
    /// </summary>
    /// <param name="calls">The calls, in order; their position is their <c>index</c>.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentException"><paramref name="calls"/> is empty.</exception>
    public static EmulatorReply ToolCalls(params EmulatorToolCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Length == 0)
        {
            throw new ArgumentException("At least one tool call is needed.", nameof(calls));
        }

        return new EmulatorReply { Calls = [.. calls] };
    }

    /// <summary>
    /// Creates an error reply. Without a body the emulator sends DeepInfra's shape,
    /// <c>{"error":{"message":"&lt;reason phrase&gt;","type":…,"param":null,"code":null}}</c>, where type is
    /// <c>rate_limit_error</c> for 429, <c>server_error</c> for 5xx and <c>invalid_request_error</c> otherwise.
    /// </summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="body">The body to send verbatim, or <see langword="null"/> for the DeepInfra-style body.</param>
    /// <param name="contentType">The media type of the body.</param>
    /// <returns>The reply.</returns>
    public static EmulatorReply Error(int statusCode, string? body = null, string contentType = "application/json") =>
        Raw(statusCode, body ?? ErrorBodies.For(statusCode), contentType);

    /// <summary>
    /// Creates a 200 reply whose body is DeepInfra's own in-band error frame,
    /// <c>{"error_type":"&lt;errorType&gt;","error_message":"&lt;errorMessage&gt;"}</c>, whatever the request asked for. Use
    /// <see cref="WithInBandError"/> for the same frame inside a stream.
    /// </summary>
    /// <param name="errorType">The <c>error_type</c>, e.g. <c>internal_error</c>.</param>
    /// <param name="errorMessage">The <c>error_message</c>: plain text, or a JSON-stringified <c>{"error":{"message":…}}</c>.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="errorType"/> or <paramref name="errorMessage"/> is null.</exception>
    public static EmulatorReply InBandError(string errorType, string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(errorType);
        ArgumentNullException.ThrowIfNull(errorMessage);
        return Raw(200, ErrorBodies.InBand(errorType, errorMessage));
    }

    /// <summary>Creates a 429 reply with DeepInfra's error body and, when given, a <c>Retry-After</c> in seconds.</summary>
    /// <param name="retryAfter">The delay to advertise, or <see langword="null"/> for none.</param>
    /// <returns>The reply.</returns>
    public static EmulatorReply RateLimited(TimeSpan? retryAfter = null)
    {
        EmulatorReply reply = Raw(429, ErrorBodies.For(429, "Rate limit exceeded, please slow down."), "application/json");
        return retryAfter is { } delay ? reply.WithRetryAfter(delay) : reply;
    }

    /// <summary>Creates an HTML error page such as a proxy in front of the service sends (default: nginx's 502).</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="html">The page, or <see langword="null"/> for an nginx-style page naming the status.</param>
    /// <returns>The reply.</returns>
    public static EmulatorReply Html(int statusCode = 502, string? html = null)
    {
        string title = $"{statusCode} {ReasonPhrases.GetReasonPhrase(statusCode)}";
        string page = html ?? $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return Raw(statusCode, page, "text/html");
    }

    /// <summary>
    /// Creates a reply whose status and body are sent verbatim, whatever the request asked for (even a hand-written
    /// <c>text/event-stream</c> body for a streaming request).
    /// </summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The media type of the body.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not in [100, 599].</exception>
    public static EmulatorReply Raw(int statusCode, string body, string contentType = "application/json")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new EmulatorReply { StatusCode = statusCode, RawBody = body, ContentType = contentType };
    }

    /// <summary>Returns a copy whose assistant content is <paramref name="text"/> (e.g. text before tool calls).</summary>
    /// <param name="text">The content, or <see langword="null"/> for none.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithContent(string? text) => Copy(r => r.Content = text);

    /// <summary>
    /// Returns a copy with reasoning: <c>message.reasoning_content</c> in a JSON body, <c>delta.reasoning_content</c>
    /// pieces before the content in a stream.
    /// </summary>
    /// <param name="reasoning">The reasoning text.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithReasoning(string reasoning)
    {
        ArgumentNullException.ThrowIfNull(reasoning);
        return Copy(r => r.Reasoning = reasoning);
    }

    /// <summary>Returns a copy with this finish reason (e.g. <c>length</c>) instead of <c>stop</c>/<c>tool_calls</c>.</summary>
    /// <param name="finishReason">The finish reason.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithFinishReason(string finishReason)
    {
        ArgumentException.ThrowIfNullOrEmpty(finishReason);
        return Copy(r => r.FinishReason = finishReason);
    }

    /// <summary>Returns a copy reporting these usage figures instead of the estimate.</summary>
    /// <param name="promptTokens">The prompt token count.</param>
    /// <param name="completionTokens">The completion token count.</param>
    /// <param name="estimatedCost">The cost in USD, or <see langword="null"/> to compute it from the price table.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithUsage(int promptTokens, int completionTokens, decimal? estimatedCost = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(completionTokens);
        return Copy(r => (r.Usage, r.OmitUsage) = (new UsageOverride(promptTokens, completionTokens, estimatedCost), false));
    }

    /// <summary>Returns a copy that sends no <c>usage</c> at all, in a JSON body or a stream.</summary>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithoutUsage() => Copy(r => (r.Usage, r.OmitUsage) = (null, true));

    private EmulatorReply Copy(Action<EmulatorReply> change)
    {
        var copy = (EmulatorReply)MemberwiseClone();
        change(copy);
        return copy;
    }
}
