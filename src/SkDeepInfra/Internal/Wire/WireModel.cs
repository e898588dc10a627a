using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>One entry of <see cref="ModelListResponse"/>.</summary>
internal sealed class WireModel
{
    public string? Id { get; set; }
    public long? Created { get; set; }
    public string? OwnedBy { get; set; }
    [JsonConverter(typeof(LenientModelMetadataConverter))]
    public WireModelMetadata? Metadata { get; set; }
}
