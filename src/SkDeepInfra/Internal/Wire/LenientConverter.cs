using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SkDeepInfra.Internal.Wire;

/// <summary>
/// Reads one catalog value that may be of a shape this client does not know (a field of another type, a new kind of
/// entry): a value that does not read as <typeparamref name="T"/> becomes <see langword="null"/> instead of failing the
/// whole list. Only for the model catalog, which is informational; chat and embedding replies stay strict.
/// </summary>
internal abstract class LenientConverter<T> : JsonConverter<T>
    where T : class
{
    protected abstract JsonTypeInfo<T> TypeInfo { get; }

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument value = JsonDocument.ParseValue(ref reader);
        try
        {
            return value.RootElement.Deserialize(TypeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, TypeInfo);
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
            using JsonDocument entry = JsonDocument.ParseValue(ref reader);
            try
            {
                models.Add(entry.RootElement.Deserialize(DeepInfraJsonContext.Default.WireModel));
            }
            catch (JsonException)
            {
                models.Add(null);
            }
        }

        return models;
    }

    public override void Write(Utf8JsonWriter writer, List<WireModel?> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, DeepInfraJsonContext.Default.ListWireModel);
}

/// <summary>Metadata that does not read leaves the model without metadata.</summary>
internal sealed class LenientModelMetadataConverter : LenientConverter<WireModelMetadata>
{
    protected override JsonTypeInfo<WireModelMetadata> TypeInfo => DeepInfraJsonContext.Default.WireModelMetadata;
}
