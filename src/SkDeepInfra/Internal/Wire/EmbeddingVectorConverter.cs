using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>
/// Reads an embedding vector in either encoding: a JSON array of numbers, or a base64 string of little-endian float32
/// values (decoded straight into the result, with no intermediate byte array when the string has no escapes).
/// </summary>
internal sealed class EmbeddingVectorConverter : JsonConverter<float[]>
{
    private const int InitialCapacity = 256;

    /// <summary>The length of the last array read on this thread: the vectors of one reply share it, so the rest are sized exactly.</summary>
    [ThreadStatic]
    private static int t_lastLength;

    public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => ReadBase64(ref reader),
        JsonTokenType.StartArray => ReadArray(ref reader),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"An embedding must be an array of numbers or a base64 string, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (float component in value)
        {
            writer.WriteNumberValue(component);
        }

        writer.WriteEndArray();
    }

    private static float[] ReadBase64(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return reader.TryGetBytesFromBase64(out byte[]? bytes) ? FromBytes(bytes) : throw new JsonException("An embedding string is not valid base64.");
        }

        ReadOnlySpan<byte> base64 = reader.ValueSpan;
        int padding = base64.Length >= 2 && base64[base64.Length - 2] == '=' ? 2 : base64.Length >= 1 && base64[base64.Length - 1] == '=' ? 1 : 0;
        int byteCount = (base64.Length / 4 * 3) - padding;
        if (base64.Length % 4 != 0 || byteCount % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 embedding must hold whole float32 values; its {base64.Length} characters do not.");
        }

        float[] vector = new float[byteCount / sizeof(float)];
        OperationStatus status = Base64.DecodeFromUtf8(base64, MemoryMarshal.AsBytes(vector.AsSpan()), out _, out int written);
        if (status != OperationStatus.Done || written != byteCount)
        {
            throw new JsonException("An embedding string is not valid base64.");
        }

        FromLittleEndian(vector);
        return vector;
    }

    private static float[] FromBytes(byte[] bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 embedding must hold whole float32 values; its {bytes.Length} bytes do not.");
        }

        float[] vector = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        FromLittleEndian(vector);
        return vector;
    }

    private static void FromLittleEndian(float[] vector)
    {
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> bits = MemoryMarshal.Cast<float, int>(vector.AsSpan());
            for (int i = 0; i < bits.Length; i++)
            {
                bits[i] = BinaryPrimitives.ReverseEndianness(bits[i]);
            }
        }
    }

    private static float[] ReadArray(ref Utf8JsonReader reader)
    {
        float[] vector = new float[t_lastLength > 0 ? t_lastLength : InitialCapacity];
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException($"An embedding array must hold numbers only, not {reader.TokenType}.");
            }

            if (count == vector.Length)
            {
                Array.Resize(ref vector, vector.Length * 2);
            }

            vector[count++] = reader.GetSingle();
        }

        if (count != vector.Length)
        {
            Array.Resize(ref vector, count);
        }

        t_lastLength = count;
        return vector;
    }
}
