using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SkDeepInfra.Internal.Wire;

/// <summary>
/// Reading for the model catalog, which is informational and may hold kinds of entries this client does not know: a value
/// that does not read as its wire type becomes <see langword="null"/> instead of failing the whole list. Chat and embedding
/// replies stay strict. Replies are never written, so writing simply serializes.
/// </summary>
internal static class Lenient
{
    /// <summary>The value at the reader as <typeparamref name="T"/>, or <see langword="null"/> when it does not read as one.</summary>
    public static T? ReadOrNull<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        using JsonDocument value = JsonDocument.ParseValue(ref reader);
        try
        {
            return value.RootElement.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The model list: an entry that does not read as a model is null, and skipped by <see cref="ModelCatalogMapper"/>.</summary>
internal sealed class LenientModelListConverter : JsonConverter<List<WireModel?>>
{
    public override List<WireModel?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"The model list's 'data' must be an array, not {reader.TokenType}.");
        }

        var models = new List<WireModel?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            models.Add(Lenient.ReadOrNull(ref reader, DeepInfraJsonContext.Default.WireModel));
        }

        return models;
    }

    public override void Write(Utf8JsonWriter writer, List<WireModel?> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, DeepInfraJsonContext.Default.ListWireModel);
}

/// <summary>Metadata that does not read leaves the model without metadata.</summary>
internal sealed class LenientModelMetadataConverter : JsonConverter<WireModelMetadata>
{
    public override WireModelMetadata? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Lenient.ReadOrNull(ref reader, DeepInfraJsonContext.Default.WireModelMetadata);

    public override void Write(Utf8JsonWriter writer, WireModelMetadata value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, DeepInfraJsonContext.Default.WireModelMetadata);
}
