using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Reads the loosely typed <see cref="DeepInfraPromptExecutionSettings.ResponseFormat"/> the way Semantic Kernel's OpenAI
/// connector reads its own: a CLR type becomes a JSON schema with the type's own property names, named like SK names it
/// (<c>TestStruct&lt;string&gt;</c> is <c>TestStructString</c>, <c>TestStruct?</c> is <c>TestStruct</c>); an OpenAI SDK
/// <c>ChatResponseFormat</c> is read through the JSON it writes of itself.
/// </summary>
[SuppressMessage("Usage", "CA2208", Justification = "Errors name the caller's 'executionSettings' parameter.")]
internal static class ResponseFormats
{
    private const string Expected = "ResponseFormat must be \"json_object\", \"text\", a JSON schema (JsonElement or JSON string), a ChatResponseFormat or a Type";

    /// <summary>SK's structured-output schema options: every property required, no additional properties.</summary>
    private static readonly AIJsonSchemaCreateOptions s_schemaOptions = new()
    {
        TransformOptions = new()
        {
            DisallowAdditionalProperties = true,
            RequireAllProperties = true,
            MoveDefaultKeywordToDescription = true,
        },
    };

    private static JsonSerializerOptions? s_typeSchemaOptions;

    public static ChatResponseFormat? ToChatResponseFormat(object? value) => value switch
    {
        null => null,
        ChatResponseFormat format => format,
        Type type => FromType(type),
        string text => FromString(text),
        JsonElement { ValueKind: JsonValueKind.String } element => FromString(element.GetString() ?? string.Empty),
        JsonElement { ValueKind: JsonValueKind.Object } element => FromObject(element),
        _ when WriteOwnJson(value) is { } json => FromString(json),
        _ => throw new ArgumentException($"{Expected}; got {value.GetType().Name}.", "executionSettings"),
    };

    /// <summary>What <see cref="DeepInfraPromptExecutionSettings.ResponseFormat"/> looks like in JSON: types become their schema.</summary>
    public static object? ToSerializable(object? value) => value switch
    {
        Type type => FromType(type).Schema,
        ChatResponseFormatText => "text",
        ChatResponseFormatJson { Schema: { } schema } => schema,
        ChatResponseFormatJson => "json_object",
        _ => value,
    };

    /// <summary>The schema Semantic Kernel's OpenAI connector sends for a CLR type, under the name it gives it.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "A Type given as a response format is the caller's own; its schema is read by reflection, as Semantic Kernel does.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above.")]
    private static ChatResponseFormatJson FromType(Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        s_typeSchemaOptions ??= CreateTypeSchemaOptions();
        JsonElement schema = AIJsonUtilities.CreateJsonSchema(target, serializerOptions: s_typeSchemaOptions, inferenceOptions: s_schemaOptions);
        return (ChatResponseFormatJson)ChatResponseFormat.ForJsonSchema(schema, TypeName(target));
    }

    [RequiresUnreferencedCode("Reflection-based serialization of the caller's type.")]
    [RequiresDynamicCode("Reflection-based serialization of the caller's type.")]
    private static JsonSerializerOptions CreateTypeSchemaOptions()
    {
        // Semantic Kernel's schema options: the type's own member names, enums as strings.
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A type's name followed by its generic arguments' names, recursively: <c>Outer&lt;Inner&lt;int&gt;&gt;</c> is <c>OuterInnerInt32</c>.</summary>
    internal static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name;
        int tick = name.IndexOf('`');
        return (tick < 0 ? name : name.Substring(0, tick)) + string.Concat(Array.ConvertAll(type.GetGenericArguments(), TypeName));
    }

    /// <summary>
    /// The JSON an object that writes itself (System.ClientModel's <c>IPersistableModel&lt;T&gt;</c>, as OpenAI SDK types do)
    /// gives in the JSON format, or <see langword="null"/> for any other object. Read by reflection so this library does not
    /// depend on the OpenAI SDK.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "An IPersistableModel's interface and Write method are kept by the SDK that defines and calls them.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "As above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "ModelReaderWriterOptions is looked up in the assembly of the interface that uses it.")]
    private static string? WriteOwnJson(object value)
    {
        foreach (Type contract in value.GetType().GetInterfaces())
        {
            if (!contract.IsGenericType || contract.Namespace != "System.ClientModel.Primitives" || contract.Name != "IPersistableModel`1")
            {
                continue;
            }

            MethodInfo? write = contract.GetMethod("Write");
            Type? optionsType = contract.Assembly.GetType("System.ClientModel.Primitives.ModelReaderWriterOptions");
            object? json = optionsType?.GetProperty("Json", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            if (write is null || json is null)
            {
                return null;
            }

            return write.Invoke(value, [json])?.ToString();
        }

        return null;
    }

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

        if (type == "json_schema")
        {
            if (element.TryGetProperty("json_schema", out JsonElement named) && named.ValueKind == JsonValueKind.Object
                && named.TryGetProperty("schema", out JsonElement schema) && schema.ValueKind == JsonValueKind.Object)
            {
                return ChatResponseFormat.ForJsonSchema(schema, ReadString(named, "name"), ReadString(named, "description"));
            }

            throw new ArgumentException("A json_schema response format needs json_schema.schema, a JSON object.", "executionSettings");
        }

        return ChatResponseFormat.ForJsonSchema(element);
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
