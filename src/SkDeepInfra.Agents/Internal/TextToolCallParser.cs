using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// Recognises a reply that is, as a whole, one or more tool calls written as text the way Llama-family models write
/// them: <c>&lt;|python_tag|&gt;{…}</c>, a bare <c>{"name": …, "parameters": {…}}</c> (or <c>"arguments"</c>),
/// <c>{"type": "function", "name": …, "parameters": {…}}</c> or <c>{"type": "function", "function": {"name": …, "arguments": …}}</c>,
/// several separated by <c>;</c>, optionally ending in <c>&lt;|eom_id|&gt;</c> or <c>&lt;|eot_id|&gt;</c>. Anything else
/// (prose around the JSON, unknown keys, a name that is not an offered tool) is not a tool call: all or nothing.
/// </summary>
internal static class TextToolCallParser
{
    private const string PythonTag = "<|python_tag|>";
    private static readonly string[] s_endMarkers = ["<|eom_id|>", "<|eot_id|>", "<|end_of_text|>", "</s>"];
    private static readonly string[] s_keys = ["type", "function", "name", "arguments"];

    /// <summary>Quick test on the start of a reply: could it still become a tool call?</summary>
    public static bool CouldStartToolCall(string trimmedStart) =>
        StartsLikeToolCall(trimmedStart) || PythonTag.StartsWith(trimmedStart, StringComparison.Ordinal);

    /// <summary>Whether the start of a reply is that of a tool call (<c>{</c> or <c>&lt;|python_tag|&gt;</c>), which no later text can change.</summary>
    public static bool StartsLikeToolCall(string trimmedStart) =>
        (trimmedStart.Length > 0 && trimmedStart[0] == '{') || trimmedStart.StartsWith(PythonTag, StringComparison.Ordinal);

    /// <summary>Parses <paramref name="text"/> as tool calls to the <paramref name="offered"/> tools.</summary>
    /// <returns>The calls, with fresh ids and <see cref="AgentRunPropertyNames.RecoveredFromText"/> set; <see langword="null"/> when the text is not (only) tool calls.</returns>
    public static IReadOnlyList<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        if (offered.Count == 0)
        {
            return null;
        }

        string rest = StripEndMarkers(text.Trim());
        byte[] utf8 = Encoding.UTF8.GetBytes(rest);
        var calls = new List<FunctionCallContent>();
        int position = 0; // a char index into rest
        int offset = 0; // the same place, as a byte index into utf8
        while (true)
        {
            SkipWhitespace();
            if (string.CompareOrdinal(rest, position, PythonTag, 0, PythonTag.Length) == 0)
            {
                SkipAscii(PythonTag.Length);
                SkipWhitespace();
            }

            if (position >= rest.Length || rest[position] != '{' || !TryReadObject(utf8, offset, out JsonElement element, out int length)
                || ToCall(element, offered) is not { } call)
            {
                return null;
            }

            calls.Add(call);
            position += Encoding.UTF8.GetCharCount(utf8, offset, length);
            offset += length;
            SkipWhitespace();
            if (position >= rest.Length)
            {
                return calls;
            }

            if (rest[position] != ';')
            {
                return null;
            }

            SkipAscii(1);
            SkipWhitespace();
            if (position >= rest.Length)
            {
                return calls;
            }
        }

        void SkipAscii(int count)
        {
            position += count;
            offset += count;
        }

        void SkipWhitespace()
        {
            while (position < rest.Length && char.IsWhiteSpace(rest[position]))
            {
                // Whitespace lies in the Basic Multilingual Plane: one to three bytes in UTF-8.
                offset += rest[position] < 0x80 ? 1 : rest[position] < 0x800 ? 2 : 3;
                position++;
            }
        }
    }

    private static string StripEndMarkers(string text)
    {
        bool stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (string marker in s_endMarkers)
            {
                if (text.EndsWith(marker, StringComparison.Ordinal))
                {
                    text = text.Substring(0, text.Length - marker.Length).TrimEnd();
                    stripped = true;
                }
            }
        }

        return text;
    }

    /// <summary>Reads the JSON object that starts at byte <paramref name="offset"/>; <paramref name="length"/> is its length in bytes.</summary>
    private static bool TryReadObject(byte[] utf8, int offset, out JsonElement element, out int length)
    {
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(utf8, offset, utf8.Length - offset));
        try
        {
            element = JsonElement.ParseValue(ref reader);
            length = checked((int)reader.BytesConsumed);
            return true;
        }
        catch (JsonException)
        {
            element = default;
            length = 0;
            return false;
        }
    }

    private static FunctionCallContent? ToCall(JsonElement call, ICollection<string> offered)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in call.EnumerateObject())
        {
            string key = property.Name == "parameters" ? "arguments" : property.Name;
            if (Array.IndexOf(s_keys, key) < 0 || fields.ContainsKey(key))
            {
                return null; // an unknown or repeated key: an object that merely looks like a call
            }

            fields[key] = property.Value;
        }

        if (fields.TryGetValue("type", out JsonElement type) && (type.ValueKind != JsonValueKind.String || type.GetString() != "function"))
        {
            return null;
        }

        if (fields.TryGetValue("function", out JsonElement inner))
        {
            // OpenAI's shape nests the call under "function" next to "type"; nothing else may sit beside it.
            return fields.Count == 2 && fields.ContainsKey("type") ? ToCall(inner, offered) : null;
        }

        if (!fields.TryGetValue("name", out JsonElement name) || name.ValueKind != JsonValueKind.String
            || name.GetString() is not { } toolName || !offered.Contains(toolName))
        {
            return null;
        }

        if (ToArguments(fields.TryGetValue("arguments", out JsonElement arguments) ? arguments : null) is not { } parsed)
        {
            return null;
        }

        return new FunctionCallContent(NewCallId(), toolName, parsed)
        {
            AdditionalProperties = new() { [AgentRunPropertyNames.RecoveredFromText] = true },
        };
    }

    private static Dictionary<string, object?>? ToArguments(JsonElement? arguments)
    {
        JsonElement value = arguments ?? default;
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                return ToArguments(JsonElement.Parse(value.GetString() ?? string.Empty));
            }
            catch (JsonException)
            {
                return null;
            }
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (JsonProperty property in value.EnumerateObject())
        {
            result[property.Name] = property.Value.Clone();
        }

        return result;
    }

    private static string NewCallId() => "call_" + Guid.NewGuid().ToString("N").Substring(0, 24);
}
