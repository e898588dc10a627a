using System.Text.Json.Serialization;

namespace SkDeepInfra.Testing.Wire;

/// <summary>
/// A vector written either as a JSON array of numbers or, for <c>"encoding_format":"base64"</c>, as the base64 text
/// of its little-endian float32 bytes; see <see cref="EmbeddingVectorConverter"/>.
/// </summary>
[JsonConverter(typeof(EmbeddingVectorConverter))]
internal sealed class WireEmbeddingVector
{
    public required float[] Values { get; init; }

    public bool AsBase64 { get; init; }
}
