using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// Checks a tool call's arguments against the tool's JSON schema, as far as the schemas of <c>AIFunctionFactory</c> and
/// Semantic Kernel go: <c>type</c> (one or a list), <c>required</c>, <c>properties</c>, <c>additionalProperties: false</c>,
/// <c>enum</c>, <c>items</c>, and <c>anyOf</c>/<c>oneOf</c> (any branch). Other keywords are ignored, so a valid call is
/// never refused. Reports up to three problems, worded for the model.
/// </summary>
internal static class ToolArgumentValidator
{
    private const int MaxProblems = 3;

    private static readonly JsonElement s_null = JsonElement.Parse("null");

    /// <returns><see langword="null"/> when the arguments fit, else a short description of what is wrong.</returns>
    public static string? Validate(JsonElement schema, IDictionary<string, object?>? arguments, JsonSerializerOptions? serializerOptions)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var problems = new ProblemList("argument");
        var root = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> argument in arguments ?? new Dictionary<string, object?>())
        {
            root[argument.Key] = ToElement(argument.Value, serializerOptions);
        }

        CheckObject(schema, root, path: null, problems);
        return problems.Count == 0 ? null : string.Join("; ", problems.Take(MaxProblems));
    }

    /// <summary>Checks a whole JSON value (a model's structured answer) against a schema; problems name properties, not arguments.</summary>
    /// <returns><see langword="null"/> when the value fits, else a short description of what is wrong.</returns>
    public static string? ValidateValue(JsonElement schema, JsonElement value)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var problems = new ProblemList("property");
        if (value.ValueKind == JsonValueKind.Object && (!schema.TryGetProperty("type", out JsonElement type) || TypeMatches(type, value)) && AnyOf(schema) is null)
        {
            CheckObject(schema, value.EnumerateObject().ToDictionary(p => p.Name, p => (JsonElement?)p.Value, StringComparer.Ordinal), path: null, problems);
        }
        else
        {
            CheckValue(schema, value, "(the answer)", problems);
        }

        return problems.Count == 0 ? null : string.Join("; ", problems.Take(MaxProblems));
    }

    private static void CheckObject(JsonElement schema, Dictionary<string, JsonElement?> members, string? path, ProblemList problems)
    {
        bool hasProperties = schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object;
        if (schema.TryGetProperty("required", out JsonElement required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement name in required.EnumerateArray())
            {
                if (name.GetString() is { } key && !members.ContainsKey(key))
                {
                    problems.Add($"missing required {problems.Noun} \"{Join(path, key)}\"");
                }
            }
        }

        bool closed = schema.TryGetProperty("additionalProperties", out JsonElement additional) && additional.ValueKind == JsonValueKind.False;
        foreach (KeyValuePair<string, JsonElement?> member in members)
        {
            if (hasProperties && properties.TryGetProperty(member.Key, out JsonElement memberSchema))
            {
                if (member.Value is JsonElement value)
                {
                    CheckValue(memberSchema, value, Join(path, member.Key), problems);
                }
            }
            else if (closed)
            {
                problems.Add($"unexpected {problems.Noun} \"{Join(path, member.Key)}\"");
            }
        }
    }

    private static void CheckValue(JsonElement schema, JsonElement value, string path, ProblemList problems)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (AnyOf(schema) is { } branches)
        {
            if (!branches.Any(branch => Fits(branch, value, path, problems.Noun)))
            {
                problems.Add($"{problems.Noun} \"{path}\" matches none of the allowed forms");
            }

            return;
        }

        if (schema.TryGetProperty("type", out JsonElement type) && !TypeMatches(type, value))
        {
            problems.Add($"{problems.Noun} \"{path}\" must be {DescribeType(type)}, not {DescribeValue(value)}");
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            problems.Add($"{problems.Noun} \"{path}\" must be one of {string.Join(", ", allowed.EnumerateArray().Select(o => o.GetRawText()))}");
            return;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value.EnumerateObject().ToDictionary(p => p.Name, p => (JsonElement?)p.Value, StringComparer.Ordinal), path, problems);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out JsonElement items))
        {
            int index = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                CheckValue(items, item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", problems);
                index++;
            }
        }
    }

    private static bool Fits(JsonElement schema, JsonElement value, string path, string noun)
    {
        var problems = new ProblemList(noun);
        CheckValue(schema, value, path, problems);
        return problems.Count == 0;
    }

    private static List<JsonElement>? AnyOf(JsonElement schema)
    {
        foreach (string keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out JsonElement branches) && branches.ValueKind == JsonValueKind.Array)
            {
                return [.. branches.EnumerateArray()];
            }
        }

        return null;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind switch
    {
        JsonValueKind.String => TypeMatches(type.GetString(), value),
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String || TypeMatches(t.GetString(), value)),
        _ => true,
    };

    private static bool TypeMatches(string? type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && IsWholeNumber(value),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static bool IsWholeNumber(JsonElement value) =>
        value.TryGetInt64(out _) || (value.TryGetDouble(out double d) && Math.Floor(d) == d && !double.IsInfinity(d));

    private static string DescribeType(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => Article(type.GetString()),
        JsonValueKind.Array => string.Join(" or ", type.EnumerateArray().Select(t => Article(t.GetString()))),
        _ => "valid",
    };

    private static string DescribeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Shorten(value.GetRawText())}",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "a value",
    };

    private static string Article(string? type) => type switch
    {
        "integer" or "object" or "array" => "an " + type,
        "null" => "null",
        null => "valid",
        _ => "a " + type,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";

    private static string Join(string? path, string key) => path is null ? key : path + "." + key;

    private static JsonElement? ToElement(object? value, JsonSerializerOptions? serializerOptions)
    {
        switch (value)
        {
            case null:
                return s_null;
            case JsonElement element:
                return element;
            default:
                try
                {
                    JsonSerializerOptions options = serializerOptions ?? AIJsonUtilities.DefaultOptions;
                    return JsonSerializer.SerializeToElement(value, options.GetTypeInfo(value.GetType()));
                }
                catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
                {
                    // A value the serializer cannot describe (e.g. a type trimmed away) is not checked; the tool decides.
                    return null;
                }
        }
    }

    /// <summary>Problems found so far, and what the checked members are called in them ("argument", "property").</summary>
    private sealed class ProblemList(string noun) : List<string>
    {
        public string Noun => noun;
    }
}
