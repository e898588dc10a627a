using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Internal;

/// <remarks>Argument errors name <c>options</c>, the parameter of every public entry point that carries AdditionalProperties.</remarks>
/// <summary>Conversions between loosely typed .NET values and JSON, through Microsoft.Extensions.AI's serializer options.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Errors name the caller's 'options' parameter.")]
internal static class JsonValues
{
    public const string OptionsParameter = "options";

    /// <summary>M.E.AI's options (its resolver and converters), but compact: arguments and tool results are sent as written JSON text.</summary>
    private static readonly JsonSerializerOptions s_options = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static string SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null || arguments.Count == 0
            ? "{}"
            : JsonSerializer.Serialize(arguments, s_options.GetTypeInfo(typeof(IDictionary<string, object?>)));

    public static IDictionary<string, object?>? ParseArguments(string json) =>
        string.IsNullOrWhiteSpace(json)
            ? new Dictionary<string, object?>()
            : (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, s_options.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>
    /// A provider key with no typed member, passed to the body by name: added to <paramref name="extra"/> (created on first
    /// use) unless its value is null, which is an unset option and omitted like every other.
    /// </summary>
    public static Dictionary<string, JsonElement>? AddPassThrough(Dictionary<string, JsonElement>? extra, string key, object? value)
    {
        if (value is null or JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
        {
            return extra;
        }

        extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        extra[key] = ToElement(key, value);
        return extra;
    }

    /// <summary>The text of a tool message: strings as they are, everything else as JSON.</summary>
    public static string ToToolResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        JsonElement element => element.GetRawText(),
        TextContent text => text.Text,
        _ => JsonSerializer.Serialize(result, s_options.GetTypeInfo(result.GetType())),
    };

    public static JsonElement ToElement(string key, object value)
    {
        if (value is JsonElement element)
        {
            return element;
        }

        try
        {
            return JsonSerializer.SerializeToElement(value, s_options.GetTypeInfo(value.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            throw new ArgumentException($"AdditionalProperties[\"{key}\"] ({value?.GetType().Name}) cannot be written as JSON: {ex.Message}", OptionsParameter, ex);
        }
    }

    /// <summary>
    /// float → double through decimal, so 0.7f is written as 0.7 rather than 0.699999988079071. Values decimal cannot hold
    /// (NaN, infinities, beyond ±7.9e28) convert directly, and the range checks reject them with the documented exception.
    /// </summary>
    public static double ToDouble(float value) =>
        Math.Abs(value) < 7.9e28f ? (double)(decimal)value : value;

    public static double? ReadDouble(string key, object? value) => value switch
    {
        null => null,
        double d => d,
        float f => ToDouble(f),
        decimal m => (double)m,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement { ValueKind: JsonValueKind.String } e => ParseDouble(key, e.GetString()),
        string s => ParseDouble(key, s),
        bool => throw NotA("a number", key, value),
        IConvertible c => ConvertToDouble(key, c),
        _ => throw NotA("a number", key, value),
    };

    private static double ConvertToDouble(string key, IConvertible value)
    {
        try
        {
            return value.ToDouble(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            throw NotA("a number", key, value);
        }
    }

    public static long? ReadInt64(string key, object? value)
    {
        double? number = ReadDouble(key, value);
        if (number is not double d)
        {
            return null;
        }

        if (d != Math.Floor(d) || d < long.MinValue || d > long.MaxValue)
        {
            throw NotA("a whole number", key, value);
        }

        return value is long l ? l : (long)d;
    }

    public static int? ReadInt32(string key, object? value)
    {
        long? number = ReadInt64(key, value);
        return number is long n && (n < int.MinValue || n > int.MaxValue) ? throw NotA("a 32-bit whole number", key, value) : (int?)number;
    }

    public static string? ReadString(string key, object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        _ => throw NotA("a string", key, value),
    };

    public static List<string>? ReadStrings(string key, object? value) => value switch
    {
        null => null,
        string s => [s],
        IEnumerable<string> strings => [.. strings],
        JsonElement { ValueKind: JsonValueKind.Array } e => ReadStringArray(key, e),
        _ => throw NotA("a list of strings", key, value),
    };

    private static List<string> ReadStringArray(string key, JsonElement array)
    {
        var list = new List<string>();
        foreach (JsonElement item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw NotA("a list of strings", key, array));
        }

        return list;
    }

    private static double ParseDouble(string key, string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw NotA("a number", key, text);

    private static ArgumentException NotA(string what, string key, object? value) =>
        new($"Setting '{key}' must be {what}; got '{value}' ({value?.GetType().Name ?? "null"}).", OptionsParameter);
}
