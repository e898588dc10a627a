using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SkDeepInfra.Reliability;

/// <summary>
/// A JSON writer with knobs a normal serializer lacks: every escaping style JSON allows, indentation, raw (invalid or
/// out-of-range) values and duplicate properties; plus the value-level damage the fuzzer applies to known fields.
/// </summary>
public static class FuzzJson
{
    /// <summary>A string value with this prefix is written verbatim, without quotes.</summary>
    public const string RawPrefix = "\u0001RAW:";

    /// <summary>A property whose name has this prefix is written under the rest of the name: a duplicate of that property.</summary>
    public const string DuplicatePrefix = "\u0001DUP:";

    private static readonly string[] s_unknownNames =
        ["system_fingerprint", "logprobs", "service_tier", "x_request_id", "prompt_logprobs", "stop_reason", "matched_stop", "kv_transfer_params", "usage_breakdown"];

    private static readonly string[] s_hugeNumbers =
        ["1e400", "-1e400", "99999999999999999999999999", "1.7976931348623157e309", "4294967296", "2147483648", "-2147483649",
         "9223372036854775808", "-9223372036854775809", "1.5", "-0", "1E2", "0.0000000000000000000000000001", "123456789012345678901234567890.5"];

    public static JsonValue Raw(string text) => JsonValue.Create(RawPrefix + text);

    public static string Write(JsonNode? node, EscapeStyle escapes, bool indent, string newLine, Random random)
    {
        var builder = new StringBuilder();
        Write(builder, node, escapes, indent, newLine, random, 0);
        return builder.ToString();
    }

    /// <summary>Adds fields the client does not know, with values of every shape (valid: they must be ignored).</summary>
    public static void AddUnknownFields(JsonNode node, Random random)
    {
        foreach (JsonObject obj in Objects(node).ToList())
        {
            if (random.Next(3) != 0)
            {
                continue;
            }

            string name = s_unknownNames[random.Next(s_unknownNames.Length)];
            if (!obj.ContainsKey(name))
            {
                obj[name] = random.Next(7) switch
                {
                    0 => null,
                    1 => Raw("1e300"),
                    2 => Raw("99999999999999999999999999999"),
                    3 => JsonValue.Create("fp_" + random.Next()),
                    4 => new JsonObject { ["a"] = new JsonArray(1, 2, new JsonObject { ["b"] = null }) },
                    5 => new JsonArray(),
                    _ => JsonValue.Create(true),
                };
            }
        }
    }

    /// <summary>Reorders every object's properties (valid: order carries no meaning).</summary>
    public static JsonNode? Shuffle(JsonNode? node, Random random) => node switch
    {
        JsonObject obj => new JsonObject(obj.ToList().OrderBy(_ => random.Next()).Select(p => KeyValuePair.Create(p.Key, Shuffle(p.Value?.DeepClone(), random)))),
        JsonArray array => new JsonArray(array.Select(item => Shuffle(item?.DeepClone(), random)).ToArray()),
        _ => node,
    };

    /// <summary>Replaces, nulls, inflates or duplicates one value inside <paramref name="root"/>; returns the root (a new one if the root itself was picked).</summary>
    public static JsonNode? Damage(JsonNode root, MutationKind kind, int pick, int param)
    {
        List<(JsonNode Parent, string? Key, int Index, JsonNode? Value)> slots = Slots(root).ToList();
        if (slots.Count == 0)
        {
            return root;
        }

        (JsonNode parent, string? key, int index, JsonNode? value) = slots[pick % slots.Count];
        if (kind == MutationKind.DuplicateProperty)
        {
            if (parent is JsonObject obj && key is not null)
            {
                obj[DuplicatePrefix + key] = param % 2 == 0 ? value?.DeepClone() : Replacement(value, param);
            }

            return root;
        }

        JsonNode? replacement = kind switch
        {
            MutationKind.NullValue => null,
            MutationKind.HugeNumber => Raw(s_hugeNumbers[param % s_hugeNumbers.Length]),
            MutationKind.DeepNesting => Raw(param % 2 == 0
                ? new string('[', 60 + (param % 200)) + new string(']', 60 + (param % 200))
                : string.Concat(Enumerable.Repeat("{\"a\":", 60 + (param % 200))) + "1" + new string('}', 60 + (param % 200))),
            _ => Replacement(value, param),
        };

        if (parent is JsonObject o)
        {
            o[key!] = replacement;
        }
        else
        {
            ((JsonArray)parent)[index] = replacement;
        }

        return root;
    }

    /// <summary>A value of another JSON type than <paramref name="value"/> (or an odd value of the same type).</summary>
    private static JsonNode? Replacement(JsonNode? value, int param)
    {
        JsonNode?[] candidates =
        [
            JsonValue.Create(true), JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create("str"),
            JsonValue.Create(""), JsonValue.Create(" "), JsonValue.Create("\t\n"), new JsonObject(), new JsonArray(),
            new JsonArray(1, "x", null), new JsonObject { ["message"] = "m" }, Raw("\"\\ud800\""), Raw("\"\\u00e9\\u0000\""),
            JsonValue.Create(new string('x', 3000)), Raw("\"unterminated"), Raw("tru"), Raw("NaN"), Raw("Infinity"), Raw("0x10"),
        ];

        string? originalKind = value?.GetValueKind().ToString();
        for (int i = 0; i < candidates.Length; i++)
        {
            JsonNode? candidate = candidates[(param + i) % candidates.Length];
            if (candidate?.GetValueKind().ToString() != originalKind || i > 3)
            {
                return candidate;
            }
        }

        return candidates[0];
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (KeyValuePair<string, JsonNode?> property in obj.ToList())
                {
                    foreach (JsonObject inner in Objects(property.Value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    foreach (JsonObject inner in Objects(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index, JsonNode? Value)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> property in obj.ToList())
                {
                    yield return (obj, property.Key, -1, property.Value);
                    if (property.Value is JsonObject or JsonArray)
                    {
                        foreach (var inner in Slots(property.Value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i, array[i]);
                    if (array[i] is JsonObject or JsonArray)
                    {
                        foreach (var inner in Slots(array[i]!))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static void Write(StringBuilder b, JsonNode? node, EscapeStyle escapes, bool indent, string newLine, Random random, int depth)
    {
        switch (node)
        {
            case null:
                b.Append("null");
                break;
            case JsonObject obj:
                b.Append('{');
                bool first = true;
                foreach (KeyValuePair<string, JsonNode?> property in obj)
                {
                    b.Append(first ? "" : ",");
                    first = false;
                    NewLine(b, indent, newLine, depth + 1);
                    string name = property.Key.StartsWith(DuplicatePrefix, StringComparison.Ordinal) ? property.Key[DuplicatePrefix.Length..] : property.Key;
                    WriteString(b, name, escapes, random);
                    b.Append(indent ? ": " : ":");
                    Write(b, property.Value, escapes, indent, newLine, random, depth + 1);
                }

                if (!first)
                {
                    NewLine(b, indent, newLine, depth);
                }

                b.Append('}');
                break;
            case JsonArray array:
                b.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    b.Append(i == 0 ? "" : ",");
                    NewLine(b, indent, newLine, depth + 1);
                    Write(b, array[i], escapes, indent, newLine, random, depth + 1);
                }

                if (array.Count > 0)
                {
                    NewLine(b, indent, newLine, depth);
                }

                b.Append(']');
                break;
            case JsonValue value when value.TryGetValue(out string? text):
                if (text.StartsWith(RawPrefix, StringComparison.Ordinal))
                {
                    b.Append(text, RawPrefix.Length, text.Length - RawPrefix.Length);
                }
                else
                {
                    WriteString(b, text, escapes, random);
                }

                break;
            default:
                b.Append(node.ToJsonString());
                break;
        }
    }

    private static void NewLine(StringBuilder b, bool indent, string newLine, int depth)
    {
        if (indent)
        {
            b.Append(newLine).Append(' ', depth * 2);
        }
    }

    /// <summary>Writes a JSON string, escaping what must be escaped and, by style, more: every escape decodes to the same text.</summary>
    private static void WriteString(StringBuilder b, string text, EscapeStyle escapes, Random random)
    {
        b.Append('"');
        bool escapeLowSurrogate = false;
        foreach (char c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                // A pair is escaped whole or not at all: a lone escaped half does not decode.
                b.Append(escapeLowSurrogate ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString());
                continue;
            }

            switch (c)
            {
                case '"':
                    b.Append(escapes == EscapeStyle.All ? "\\u0022" : "\\\"");
                    continue;
                case '\\':
                    b.Append("\\\\");
                    continue;
                case '\n':
                    b.Append("\\n");
                    continue;
                case '\r':
                    b.Append("\\r");
                    continue;
                case '\t':
                    b.Append("\\t");
                    continue;
                case '/' when escapes != EscapeStyle.Minimal && random.Next(2) == 0:
                    b.Append("\\/");
                    continue;
            }

            bool escape = c < 0x20 || escapes switch
            {
                EscapeStyle.All => true,
                EscapeStyle.NonAscii => c > 0x7E,
                EscapeStyle.Random => random.Next(4) == 0,
                _ => false,
            };

            escapeLowSurrogate = escape;
            if (escape)
            {
                string hex = ((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture);
                b.Append("\\u").Append(hex);
            }
            else
            {
                b.Append(c);
            }
        }

        b.Append('"');
    }
}
