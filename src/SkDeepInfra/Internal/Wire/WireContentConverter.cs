using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>Writes <see cref="WireContent"/> as a string or as an array of parts; requests only, never read.</summary>
internal sealed class WireContentConverter : JsonConverter<WireContent>
{
    public override WireContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Request content is write-only.");

    public override void Write(Utf8JsonWriter writer, WireContent value, JsonSerializerOptions options) => WriteContent(writer, value);

    /// <summary>The one way content is written, shared with <see cref="ChatCompletionRequestWriter"/>.</summary>
    public static void WriteContent(Utf8JsonWriter writer, WireContent value)
    {
        if (value.Parts is null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        writer.WriteStartArray();
        foreach (WireContentPart part in value.Parts)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, part.Type);
            if (part.Text is not null)
            {
                writer.WriteString("text"u8, part.Text);
            }

            if (part.ImageUrl is not null)
            {
                writer.WriteStartObject("image_url"u8);
                writer.WriteString("url"u8, part.ImageUrl);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
