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
        trimmedStart.Length == 0
        || trimmedStart[0] == '{'
        || (trimmedStart.Length < PythonTag.Length ? PythonTag.StartsWith(trimmedStart, StringComparison.Ordinal) : trimmedStart.StartsWith(PythonTag, StringComparison.Ordinal));

    /// <summary>Parses <paramref name="text"/> as tool calls to the <paramref name="offered"/> tools.</summary>
    /// <returns>The calls, with fresh ids and <see cref="AgentRunPropertyNames.RecoveredFromText"/> set; <see langword="null"/> when the text is not (only) tool calls.</returns>
    public static IReadOnlyList<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        if (offered.Count == 0)
        {
            return null;
        }

        string rest = StripEndMarkers(text.Trim());
        var calls = new List<FunctionCallContent>();
        int position = 0;
        while (true)
        {
            position = SkipWhitespace(rest, position);
            if (string.CompareOrdinal(rest, position, PythonTag, 0, PythonTag.Length) == 0)
            {
                position = SkipWhitespace(rest, position + PythonTag.Length);
            }

            if (position >= rest.Length || rest[position] != '{' || !TryReadObject(rest, ref position, out JsonElement element)
                || ToCall(element, offered) is not { } call)
            {
                return null;
            }

            calls.Add(call);
            position = SkipWhitespace(rest, position);
            if (position >= rest.Length)
            {
                return calls;
            }

            if (rest[position] != ';')
            {
                return null;
            }

            position = SkipWhitespace(rest, position + 1);
            if (position >= rest.Length)
            {
                return calls;
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

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>Reads one JSON object starting at <paramref name="position"/> and moves past it.</summary>
    private static bool TryReadObject(string text, ref int position, out JsonElement element)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text.Substring(position));
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                element = default;
                return false;
            }

            reader.Skip();
            int length = checked((int)reader.BytesConsumed);
            using JsonDocument document = JsonDocument.Parse(new ReadOnlyMemory<byte>(utf8, 0, length));
            element = document.RootElement.Clone();
            position += Encoding.UTF8.GetCharCount(utf8, 0, length);
            return true;
        }
        catch (JsonException)
        {
            element = default;
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
                using JsonDocument document = JsonDocument.Parse(value.GetString() ?? string.Empty);
                return ToArguments(document.RootElement.Clone());
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
