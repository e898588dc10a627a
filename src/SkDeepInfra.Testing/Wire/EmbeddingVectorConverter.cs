using System;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Testing.Wire;

/// <summary>Writes a <see cref="WireEmbeddingVector"/>: round-trippable floats, or base64 of little-endian float32 bytes.</summary>
internal sealed class EmbeddingVectorConverter : JsonConverter<WireEmbeddingVector>
{
    public override WireEmbeddingVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The emulator only writes embedding vectors.");

    public override void Write(Utf8JsonWriter writer, WireEmbeddingVector value, JsonSerializerOptions options)
    {
        if (value.AsBase64)
        {
            writer.WriteBase64StringValue(LittleEndianBytes(value.Values));
            return;
        }

        writer.WriteStartArray();
        foreach (float number in value.Values)
        {
            writer.WriteNumberValue(number);
        }

        writer.WriteEndArray();
    }

    private static byte[] LittleEndianBytes(float[] values)
    {
        byte[] bytes = new byte[values.Length * sizeof(float)];
        for (int index = 0; index < values.Length; index++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(index * sizeof(float)), values[index]);
        }

        return bytes;
    }
}
