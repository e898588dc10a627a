using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace SkDeepInfra.Internal;

/// <summary>
/// The one place that builds <see cref="DeepInfraException"/>s, and reads DeepInfra's three error shapes:
/// <c>{"error":"…"}</c>, <c>{"error":{"message":"…"}}</c> and FastAPI's <c>{"detail":…}</c>.
/// Bodies handed in here are already redacted by <see cref="SecretRedactor"/>.
/// </summary>
internal static class DeepInfraErrors
{
    private const int MaxMessageBodyChars = 300;

    /// <summary>An error status. <paramref name="keyConfigured"/> adds a hint to a 401 when no API key was set.</summary>
    public static DeepInfraException FromStatus(HttpStatusCode status, string? body, string? mediaType, bool keyConfigured)
    {
        string? provider = ReadProviderMessage(body);
        var message = new StringBuilder()
            .Append("DeepInfra returned ")
            .Append(((int)status).ToString(CultureInfo.InvariantCulture))
            .Append(" (").Append(status).Append(')');

        if (provider is not null)
        {
            message.Append(": ").Append(provider);
        }
        else if (!string.IsNullOrWhiteSpace(body))
        {
            message.Append(" with a body that is not a DeepInfra error (").Append(mediaType ?? "no content type").Append("): ").Append(Shorten(body!));
        }

        if (status == HttpStatusCode.Unauthorized && !keyConfigured)
        {
            message.Append(". No API key is configured: set DeepInfraClientOptions.ApiKey or the DEEPINFRA_TOKEN environment variable");
        }

        return new DeepInfraException(status, provider, body, message.Append('.').ToString());
    }

    /// <summary>
    /// An error object inside a successful reply or a stream (an in-band error frame); the key is masked in everything it
    /// carries. <paramref name="rawEvent"/> defaults to the error's own JSON text.
    /// </summary>
    public static DeepInfraException FromErrorFrame(JsonElement error, string? rawEvent, SecretRedactor redactor)
    {
        string provider;
        try
        {
            provider = ReadErrorElement(error) ?? Shorten(error.GetRawText());
            rawEvent ??= error.GetRawText();
        }
        catch (InvalidOperationException)
        {
            // A JsonElement decodes its text only when asked: invalid UTF-8 or a lone surrogate escape fails here.
            provider = "(an error whose text is not valid UTF-8 or UTF-16)";
        }

        return InResponse(ReadStatus(error), provider, null, rawEvent, redactor);
    }

    /// <summary>
    /// DeepInfra's own in-band frame, <c>{"error_type":"…","error_message":"…"}</c>, whose message may itself be a
    /// JSON-stringified error body such as <c>{"error":{"message":"…","code":503}}</c>: that body's message (and code) is used.
    /// </summary>
    public static DeepInfraException FromDeepInfraFrame(JsonElement? errorType, JsonElement? errorMessage, string? rawEvent, SecretRedactor redactor)
    {
        string? type = null;
        string? text = null;
        HttpStatusCode? status = null;
        try
        {
            type = errorType is { ValueKind: JsonValueKind.String } t ? t.GetString() : null;
            text = errorMessage is { ValueKind: JsonValueKind.String } m ? m.GetString()
                : errorMessage is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } other ? Shorten(other.GetRawText())
                : null;
            rawEvent ??= text;
        }
        catch (InvalidOperationException)
        {
            text = "(an error whose text is not valid UTF-8 or UTF-16)";
        }

        if (text is not null && text.TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            (string? inner, status) = ReadStringifiedError(text);
            text = inner ?? text;
        }

        return InResponse(status, text ?? type ?? "(no error message)", text is null ? null : type, rawEvent, redactor);
    }

    /// <summary>
    /// Throws when a reply or stream chunk carries an in-band error: DeepInfra's <c>error_type</c>/<c>error_message</c>
    /// members or an OpenAI-style <c>error</c> object. <paramref name="body"/> (the raw reply, or empty for the error's own
    /// text) is decoded only then.
    /// </summary>
    public static void ThrowIfErrorFrame(JsonElement? error, JsonElement? errorType, JsonElement? errorMessage, ReadOnlySpan<byte> body, SecretRedactor redactor)
    {
        if (IsSet(errorMessage) || IsSet(errorType))
        {
            throw FromDeepInfraFrame(errorType, errorMessage, redactor.Decode(body), redactor);
        }

        if (IsSet(error))
        {
            throw FromErrorFrame(error!.Value, redactor.Decode(body), redactor);
        }
    }

    /// <summary>A 2xx body that is not a usable reply: HTML, wrong types, missing fields.</summary>
    public static DeepInfraException Malformed(string what, string? body, Exception? inner = null) =>
        new(HttpStatusCode.OK, null, body, $"DeepInfra returned a reply that could not be read: {what}.", inner);

    /// <summary>A stream that stopped before its finish chunk.</summary>
    public static DeepInfraException Truncated(string what, Exception? inner = null) =>
        new(HttpStatusCode.OK, null, null, $"The DeepInfra stream ended early: {what}. The text received so far was delivered; the reply is incomplete.", inner);

    /// <summary>A non-streaming reply whose connection failed before its body was read.</summary>
    public static DeepInfraException ReplyCut(Exception inner) =>
        new(HttpStatusCode.OK, null, null, $"DeepInfra's reply was cut short: the connection closed while the reply was being read ({inner.Message}).", inner);

    /// <summary>A reply body or stream event over its size limit; reading stops there, so memory stays bounded.</summary>
    public static DeepInfraException TooLarge(string what, long limit, string option) =>
        new(HttpStatusCode.OK, null, null, $"DeepInfra sent {what} larger than the limit of {limit.ToString(CultureInfo.InvariantCulture)} bytes (DeepInfraClientOptions.{option}); the reply was not read.");

    /// <summary>
    /// No response after every attempt. A transport failure whose text holds the key (a custom handler's own message) is
    /// replaced by a copy with the key masked, so the key reaches no message, <c>ToString()</c> or inner exception.
    /// </summary>
    public static DeepInfraException Unreachable(Uri endpoint, int attempts, Exception inner, SecretRedactor redactor)
    {
        string text = inner.ToString();
        if (!ReferenceEquals(redactor.Redact(text), text))
        {
            inner = new HttpRequestException(
                $"{inner.GetType().FullName}: {redactor.Redact(inner.Message)} (the original exception is withheld because its text held the API key)");
        }

        return new(null, null, null, $"Could not get a response from DeepInfra at {endpoint} after {attempts} attempt(s): {inner.Message}", inner);
    }

    /// <summary>The provider's message from an error body, or <see langword="null"/> when it has none of the known shapes.</summary>
    public static string? ReadProviderMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body!.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out JsonElement error))
            {
                return ReadErrorElement(error);
            }

            if (root.TryGetProperty("detail", out JsonElement detail))
            {
                return ReadDetail(detail);
            }

            return root.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string with a lone surrogate escape ("\ud800") cannot be decoded.
            return null;
        }
    }

    private static bool IsSet(JsonElement? value) => value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    private static DeepInfraException InResponse(HttpStatusCode? status, string provider, string? errorType, string? rawEvent, SecretRedactor redactor)
    {
        provider = redactor.Redact(provider)!;
        string type = errorType is null ? string.Empty : " (" + redactor.Redact(errorType) + ")";
        return new DeepInfraException(status ?? HttpStatusCode.OK, provider, redactor.Redact(rawEvent), $"DeepInfra reported an error inside the response: {provider}{type}.");
    }

    /// <summary>An error's <c>code</c> when it is an HTTP error status.</summary>
    private static HttpStatusCode? ReadStatus(JsonElement error) =>
        error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty("code", out JsonElement code)
        && code.ValueKind == JsonValueKind.Number
        && code.TryGetInt32(out int value) && value is >= 400 and < 600
            ? (HttpStatusCode)value
            : null;

    /// <summary>The message and status of an error body held as text: <c>{"error":{"message":…,"code":…}}</c> and the other known shapes.</summary>
    private static (string? Message, HttpStatusCode? Status) ReadStringifiedError(string text)
    {
        string? message = ReadProviderMessage(text);
        if (message is null)
        {
            return (null, null);
        }

        using var document = JsonDocument.Parse(text); // it parsed above
        return (message, document.RootElement.TryGetProperty("error", out JsonElement error) ? ReadStatus(error) : null);
    }

    private static string? ReadErrorElement(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => error.GetString(),
        JsonValueKind.Object when error.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String => m.GetString(),
        JsonValueKind.Object when error.TryGetProperty("detail", out JsonElement d) => ReadDetail(d),
        _ => null,
    };

    /// <summary>FastAPI's <c>detail</c>: a string, an object with <c>error</c>/<c>message</c>, or a list of <c>{loc, msg}</c>.</summary>
    private static string? ReadDetail(JsonElement detail)
    {
        switch (detail.ValueKind)
        {
            case JsonValueKind.String:
                return detail.GetString();
            case JsonValueKind.Object:
                return ReadErrorElement(detail)
                    ?? (detail.TryGetProperty("error", out JsonElement e) ? ReadErrorElement(e) : null)
                    ?? (detail.TryGetProperty("msg", out JsonElement msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString() : null);
            case JsonValueKind.Array:
                var parts = new List<string>();
                foreach (JsonElement item in detail.EnumerateArray())
                {
                    parts.Add(ReadValidationItem(item));
                }

                return parts.Count == 0 ? null : string.Join("; ", parts);
            default:
                return null;
        }
    }

    private static string ReadValidationItem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return item.ValueKind == JsonValueKind.String ? item.GetString() ?? string.Empty : item.GetRawText();
        }

        string msg = item.TryGetProperty("msg", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? string.Empty : item.GetRawText();
        if (!item.TryGetProperty("loc", out JsonElement loc) || loc.ValueKind != JsonValueKind.Array)
        {
            return msg;
        }

        var path = new List<string>();
        foreach (JsonElement segment in loc.EnumerateArray())
        {
            path.Add(segment.ValueKind == JsonValueKind.String ? segment.GetString() ?? string.Empty : segment.GetRawText());
        }

        return string.Join(".", path) + ": " + msg;
    }

    private static string Shorten(string text)
    {
        string flat = text.Replace('\r', ' ').Replace('\n', ' ').Trim();
        return flat.Length <= MaxMessageBodyChars ? flat : flat.Substring(0, MaxMessageBodyChars) + "…";
    }
}
