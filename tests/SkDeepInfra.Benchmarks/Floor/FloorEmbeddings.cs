using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Benchmarks.Floor;

/// <summary>
/// The embeddings floor: a plain <see cref="HttpClient"/>, source-generated System.Text.Json for the request (base64
/// vectors) and the reply, each base64 string decoded straight into a <c>float[]</c>. No retries, batching, validation or mapping.
/// </summary>
internal sealed class FloorEmbeddingClient(HttpClient http, Uri embeddingsUri, string apiKey)
{
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", apiKey);
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    public async Task<FloorEmbeddingResponse> EmbedAsync(FloorEmbeddingRequest body, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, FloorEmbeddingJsonContext.Default.FloorEmbeddingRequest));
        content.Headers.ContentType = s_json;
        using var request = new HttpRequestMessage(HttpMethod.Post, embeddingsUri) { Content = content };
        request.Headers.Authorization = _authorization;
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, FloorEmbeddingJsonContext.Default.FloorEmbeddingResponse, cancellationToken)
            ?? throw new InvalidOperationException("An empty reply.");
    }
}

public sealed class FloorEmbeddingRequest
{
    public string Model { get; set; } = string.Empty;
    public string[] Input { get; set; } = [];
    public string EncodingFormat { get; set; } = "base64";
}

/// <summary>The least a hand-written client reads: the vectors and usage.</summary>
public sealed class FloorEmbeddingResponse
{
    public List<FloorEmbedding>? Data { get; set; }
    public FloorUsage? Usage { get; set; }
}

public sealed class FloorEmbedding
{
    public int Index { get; set; }

    [JsonConverter(typeof(FloorBase64Floats))]
    public float[]? Embedding { get; set; }
}

/// <summary>A base64 string of little-endian float32 values, decoded into the array it becomes (this machine is little-endian).</summary>
internal sealed class FloorBase64Floats : JsonConverter<float[]>
{
    public override float[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return MemoryMarshal.Cast<byte, float>(reader.GetBytesFromBase64()).ToArray();
        }

        ReadOnlySpan<byte> base64 = reader.ValueSpan;
        float[] vector = new float[Base64.GetMaxDecodedFromUtf8Length(base64.Length) / sizeof(float)];
        Base64.DecodeFromUtf8(base64, MemoryMarshal.AsBytes(vector.AsSpan()), out _, out _);
        return vector;
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(MemoryMarshal.AsBytes(value.AsSpan()));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FloorEmbeddingRequest))]
[JsonSerializable(typeof(FloorEmbeddingResponse))]
internal sealed partial class FloorEmbeddingJsonContext : JsonSerializerContext;
