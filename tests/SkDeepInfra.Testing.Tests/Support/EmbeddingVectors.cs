using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace SkDeepInfra.Testing;

/// <summary>Test-side helpers for embeddings: decode either wire encoding, cosine similarity, an independent FNV-1a.</summary>
internal static class EmbeddingVectors
{
    public const string Path = "embeddings";

    /// <summary>Decodes <c>data[index].embedding</c>, a JSON array of numbers or base64 of little-endian float32 bytes.</summary>
    public static float[] Decode(JsonElement body, int index = 0)
    {
        JsonElement embedding = body.GetProperty("data")[index].GetProperty("embedding");
        if (embedding.ValueKind == JsonValueKind.String)
        {
            byte[] bytes = Convert.FromBase64String(embedding.GetString()!);
            Assert.Equal(0, bytes.Length % 4);
            float[] values = new float[bytes.Length / 4];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
            }

            return values;
        }

        return [.. embedding.EnumerateArray().Select(number => number.GetSingle())];
    }

    public static double Norm(float[] vector) => Math.Sqrt(vector.Sum(value => (double)value * value));

    public static double Cosine(float[] left, float[] right)
    {
        double dot = 0;
        for (int i = 0; i < left.Length; i++)
        {
            dot += (double)left[i] * right[i];
        }

        return dot / (Norm(left) * Norm(right));
    }

    /// <summary>32-bit FNV-1a over UTF-8, written independently of the emulator's.</summary>
    public static uint Fnv1a(string text)
    {
        uint hash = 0x811C9DC5;
        foreach (byte octet in Encoding.UTF8.GetBytes(text))
        {
            hash ^= octet;
            hash *= 0x01000193;
        }

        return hash;
    }

    /// <summary>Where the hashing trick puts a word in <paramref name="dimensions"/>, and with which sign.</summary>
    public static (int Index, int Sign) Slot(string word, int dimensions)
    {
        uint hash = Fnv1a(word);
        return ((int)((hash & 0x7FFFFFFF) % (uint)dimensions), (hash >> 31) == 0 ? 1 : -1);
    }
}
