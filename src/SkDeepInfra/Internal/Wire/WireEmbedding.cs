using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>One vector of an <see cref="EmbeddingResponse"/>.</summary>
internal sealed class WireEmbedding
{
    public int? Index { get; set; }

    /// <summary>A JSON array of numbers (<c>encoding_format: float</c>) or base64 little-endian float32 (<c>base64</c>).</summary>
    [JsonConverter(typeof(EmbeddingVectorConverter))]
    public float[]? Embedding { get; set; }
}
