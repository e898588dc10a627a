using System;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>Reads the loosely typed <see cref="DeepInfraPromptExecutionSettings.ResponseFormat"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Errors name the caller's 'executionSettings' parameter.")]
internal static class ResponseFormats
{
    private const string Expected = "ResponseFormat must be \"json_object\", \"text\", a JSON schema (JsonElement or JSON string), a ChatResponseFormat or a Type";

    public static ChatResponseFormat? ToChatResponseFormat(object? value) => value switch
    {
        null => null,
        ChatResponseFormat format => format,
        Type type => ChatResponseFormat.ForJsonSchema(AIJsonUtilities.CreateJsonSchema(type, serializerOptions: AIJsonUtilities.DefaultOptions), type.Name),
        string text => FromString(text),
        JsonElement { ValueKind: JsonValueKind.String } element => FromString(element.GetString() ?? string.Empty),
        JsonElement { ValueKind: JsonValueKind.Object } element => FromObject(element),
        _ => throw new ArgumentException($"{Expected}; got {value.GetType().Name}.", "executionSettings"),
    };

    /// <summary>What <see cref="DeepInfraPromptExecutionSettings.ResponseFormat"/> looks like in JSON: types become their schema.</summary>
    public static object? ToSerializable(object? value) => value switch
    {
        Type type => AIJsonUtilities.CreateJsonSchema(type, serializerOptions: AIJsonUtilities.DefaultOptions),
        ChatResponseFormatText => "text",
        ChatResponseFormatJson { Schema: { } schema } => schema,
        ChatResponseFormatJson => "json_object",
        _ => value,
    };

    private static ChatResponseFormat FromString(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Equals("json_object", StringComparison.OrdinalIgnoreCase))
        {
            return ChatResponseFormat.Json;
        }

        if (trimmed.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return ChatResponseFormat.Text;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return FromObject(document.RootElement.Clone());
            }
        }
        catch (JsonException)
        {
            // Reported below with the allowed forms.
        }

        throw new ArgumentException($"{Expected}; got the string '{text}'.", "executionSettings");
    }

    private static ChatResponseFormat FromObject(JsonElement element)
    {
        string? type = element.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "json_object")
        {
            return ChatResponseFormat.Json;
        }

        if (type == "text")
        {
            return ChatResponseFormat.Text;
        }

        if (type == "json_schema" && element.TryGetProperty("json_schema", out JsonElement named) && named.ValueKind == JsonValueKind.Object
            && named.TryGetProperty("schema", out JsonElement schema))
        {
            return ChatResponseFormat.ForJsonSchema(schema, ReadString(named, "name"), ReadString(named, "description"));
        }

        return ChatResponseFormat.ForJsonSchema(element);
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
