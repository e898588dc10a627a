using System;
using System.Collections.Generic;
using System.Text.Json;
using SkDeepInfra.Testing.Replies;

namespace SkDeepInfra.Testing;

/// <summary>
/// One request the emulator received, recorded before any check, so tests can assert what a client sent, even
/// when the emulator refused it.
/// </summary>
public sealed class EmulatorRequest
{
    private static readonly IReadOnlyList<JsonElement> NoElements = [];

    internal EmulatorRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            Json = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            ParseError = exception;
        }
    }

    /// <summary>Gets the HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the request path, e.g. <c>/v1/openai/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>
    /// Gets the request and content headers (names case-insensitive, repeated values joined with <c>", "</c>). The
    /// <c>Authorization</c> value is redacted to its scheme followed by <c>***</c>, e.g. <c>Bearer ***</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the raw request body.</summary>
    public string Body { get; }

    /// <summary>Gets the parsed body; <see cref="JsonValueKind.Undefined"/> when the body is not valid JSON.</summary>
    public JsonElement Json { get; }

    /// <summary>Gets the time the request arrived.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Gets the <c>model</c> field, or <see langword="null"/> when it is absent or not a string.</summary>
    public string? Model => GetString("model");

    /// <summary>Gets a value indicating whether the body has <c>"stream": true</c>.</summary>
    public bool IsStreaming => TryGetProperty("stream", out JsonElement value) && value.ValueKind == JsonValueKind.True;

    /// <summary>Gets a value indicating whether the body has <c>"stream_options": {"include_usage": true}</c>.</summary>
    public bool IncludeUsage =>
        TryGetProperty("stream_options", out JsonElement options)
        && options.ValueKind == JsonValueKind.Object
        && options.TryGetProperty("include_usage", out JsonElement include)
        && include.ValueKind == JsonValueKind.True;

    /// <summary>Gets the <c>messages</c> array's items; empty when absent.</summary>
    public IReadOnlyList<JsonElement> Messages => GetArray("messages");

    /// <summary>Gets the <c>tools</c> array's items; empty when absent.</summary>
    public IReadOnlyList<JsonElement> Tools => GetArray("tools");

    /// <summary>
    /// Gets the embeddings request's <c>input</c> as a list: a string as one item, an array's strings as they are (other
    /// items as their raw JSON text); empty when absent or neither a string nor an array.
    /// </summary>
    public IReadOnlyList<string> Inputs
    {
        get
        {
            if (!TryGetProperty("input", out JsonElement input))
            {
                return [];
            }

            if (input.ValueKind == JsonValueKind.String)
            {
                return [input.GetString()!];
            }

            var items = new List<string>();
            foreach (JsonElement item in GetArray("input"))
            {
                items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }

            return items;
        }
    }

    /// <summary>
    /// Gets the text of the last <c>user</c> message: its string content, or the <c>text</c> of its text parts joined
    /// with a line feed; <see langword="null"/> when there is no user message.
    /// </summary>
    public string? LastUserText
    {
        get
        {
            IReadOnlyList<JsonElement> messages = Messages;
            for (int i = messages.Count - 1; i >= 0; i--)
            {
                if (MessageText.RoleOf(messages[i]) == "user")
                {
                    return MessageText.ContentOf(messages[i]);
                }
            }

            return null;
        }
    }

    internal JsonException? ParseError { get; }

    /// <summary>Looks up a top-level field of the body.</summary>
    /// <param name="name">The JSON field name, e.g. <c>temperature</c>.</param>
    /// <param name="value">The field's value when found.</param>
    /// <returns><see langword="true"/> when the body is a JSON object with that field.</returns>
    public bool TryGetProperty(string name, out JsonElement value)
    {
        if (Json.ValueKind == JsonValueKind.Object)
        {
            return Json.TryGetProperty(name, out value);
        }

        value = default;
        return false;
    }

    private string? GetString(string name) =>
        TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private IReadOnlyList<JsonElement> GetArray(string name)
    {
        if (!TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.Array)
        {
            return NoElements;
        }

        var items = new List<JsonElement>(value.GetArrayLength());
        foreach (JsonElement item in value.EnumerateArray())
        {
            items.Add(item);
        }

        return items;
    }
}
