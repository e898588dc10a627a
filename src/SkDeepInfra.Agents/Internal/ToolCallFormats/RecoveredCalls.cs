using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>Builds the calls the formats recover: declared tools only, arguments a JSON object, fresh ids, marked as recovered.</summary>
internal static class RecoveredCalls
{
    private static readonly string[] s_keys = ["type", "function", "name", "arguments", "id"];

    /// <summary>A call written as one JSON object: <c>{"name", "parameters"|"arguments"}</c>, optionally <c>"type": "function"</c>, or OpenAI's nested <c>"function"</c>.</summary>
    /// <param name="call">The object.</param>
    /// <param name="offered">The declared tools.</param>
    /// <param name="allowId">Whether an <c>"id"</c> may sit beside the name (Mistral writes one).</param>
    public static FunctionCallContent? FromObject(JsonElement call, ICollection<string> offered, bool allowId = false)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in call.EnumerateObject())
        {
            string key = property.Name == "parameters" ? "arguments" : property.Name;
            if (Array.IndexOf(s_keys, key) < 0 || fields.ContainsKey(key) || (key == "id" && !allowId))
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
            return fields.Count == 2 && fields.ContainsKey("type") ? FromObject(inner, offered) : null;
        }

        if (!fields.TryGetValue("name", out JsonElement name) || name.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return Create(name.GetString(), fields.TryGetValue("arguments", out JsonElement arguments) ? arguments : null, offered);
    }

    /// <summary>A call from a name and its arguments (a JSON object, a JSON string holding one, or nothing).</summary>
    public static FunctionCallContent? Create(string? name, JsonElement? arguments, ICollection<string> offered)
    {
        if (name is null || !offered.Contains(name) || ToArguments(arguments) is not { } parsed)
        {
            return null;
        }

        return new FunctionCallContent(NewCallId(), name, parsed)
        {
            AdditionalProperties = new() { [AgentRunPropertyNames.RecoveredFromText] = true },
        };
    }

    /// <summary>Each element of a JSON array as a call object; null unless all are.</summary>
    public static List<FunctionCallContent>? FromArray(JsonElement array, ICollection<string> offered, bool allowId = false)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return null;
        }

        var calls = new List<FunctionCallContent>(array.GetArrayLength());
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (FromObject(item, offered, allowId) is not { } call)
            {
                return null;
            }

            calls.Add(call);
        }

        return calls;
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
