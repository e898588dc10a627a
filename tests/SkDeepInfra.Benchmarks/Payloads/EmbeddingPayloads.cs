using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SkDeepInfra.Benchmarks.Payloads;

/// <summary>
/// The embeddings workload: 16 short sentences, and DeepInfra's reply with one 1024-dimension unit vector per sentence,
/// in both encodings (<c>encoding_format: base64</c>, little-endian float32; <c>float</c>, JSON numbers written
/// round-trippable) so the server can answer as the request asks.
/// </summary>
internal static class EmbeddingPayloads
{
    public const string Model = "BAAI/bge-large-en-v1.5";
    public const int Dimensions = 1024;
    public const int PromptTokens = 187;
    public const double EstimatedCost = 0.00000187;

    public static string[] Inputs { get; } =
    [
        "The quick brown fox jumps over the lazy dog.",
        "A tall oak tree stands at the edge of the field.",
        "How do I reset my password?",
        "Shipping usually takes three to five business days.",
        "The museum is closed on Mondays.",
        "Paris is the capital of France.",
        "Our refund policy covers unopened items for thirty days.",
        "She plays the violin in a small orchestra.",
        "Rain is expected tomorrow afternoon.",
        "The invoice was sent to the billing address on file.",
        "Water boils at one hundred degrees Celsius at sea level.",
        "Can I change the delivery date after ordering?",
        "The library opens at nine in the morning.",
        "He forgot his umbrella on the train.",
        "The API returns a JSON object with a list of results.",
        "Photosynthesis turns light into chemical energy.",
    ];

    /// <summary>The vectors served, one per input: deterministic, normalized to length 1 as bge's are.</summary>
    public static float[][] Vectors { get; } = BuildVectors();

    /// <summary>The reply to a request for <c>base64</c>.</summary>
    public static byte[] Base64Reply { get; } = BuildReply(base64: true);

    /// <summary>The reply to a request for <c>float</c> (or no <c>encoding_format</c>).</summary>
    public static byte[] FloatReply { get; } = BuildReply(base64: false);

    private static float[][] BuildVectors()
    {
        var random = new Random(20240517);
        var vectors = new float[Inputs.Length][];
        for (int i = 0; i < vectors.Length; i++)
        {
            double[] raw = new double[Dimensions];
            double sumOfSquares = 0;
            for (int d = 0; d < Dimensions; d++)
            {
                raw[d] = random.NextDouble() - 0.5;
                sumOfSquares += raw[d] * raw[d];
            }

            double norm = Math.Sqrt(sumOfSquares);
            vectors[i] = Array.ConvertAll(raw, x => (float)(x / norm));
        }

        return vectors;
    }

    private static byte[] BuildReply(bool base64)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (int i = 0; i < Vectors.Length; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                if (base64)
                {
                    if (!BitConverter.IsLittleEndian)
                    {
                        throw new PlatformNotSupportedException("The payload is built on little-endian machines only.");
                    }

                    writer.WriteBase64String("embedding", MemoryMarshal.AsBytes(Vectors[i].AsSpan()));
                }
                else
                {
                    // Utf8JsonWriter writes the shortest text that parses back to the same float.
                    writer.WriteStartArray("embedding");
                    foreach (float component in Vectors[i])
                    {
                        writer.WriteNumberValue(component);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", Model);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", PromptTokens);
            writer.WriteNumber("total_tokens", PromptTokens);
            writer.WritePropertyName("estimated_cost");
            writer.WriteRawValue(EstimatedCost.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        byte[] reply = buffer.WrittenSpan.ToArray();
        CheckRoundTrip(reply, base64);
        return reply;
    }

    /// <summary>The served text must decode to exactly <see cref="Vectors"/>, or checking the contenders against them means nothing.</summary>
    private static void CheckRoundTrip(byte[] reply, bool base64)
    {
        using JsonDocument document = JsonDocument.Parse(reply);
        JsonElement data = document.RootElement.GetProperty("data");
        for (int i = 0; i < Vectors.Length; i++)
        {
            JsonElement embedding = data[i].GetProperty("embedding");
            float[] parsed = base64
                ? MemoryMarshal.Cast<byte, float>(embedding.GetBytesFromBase64()).ToArray()
                : [.. embedding.EnumerateArray().Select(e => e.GetSingle())];
            if (!MemoryMarshal.AsBytes(parsed.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(Vectors[i].AsSpan())))
            {
                throw new InvalidOperationException($"The {(base64 ? "base64" : "float")} reply does not round-trip vector {i}.");
            }
        }
    }

    /// <summary>Describes a reply's size, for the docs.</summary>
    public static string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Inputs.Length} inputs ({Encoding.UTF8.GetByteCount(string.Concat(Inputs))} bytes of text), replies: base64 {Base64Reply.Length:N0} B, float {FloatReply.Length:N0} B");
}
