using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>The body of <c>POST embeddings</c>. Unset members are omitted from the JSON.</summary>
internal sealed class EmbeddingRequest
{
    public string Model { get; set; } = string.Empty;
    public IReadOnlyList<string> Input { get; set; } = [];
    public string? EncodingFormat { get; set; }
    public int? Dimensions { get; set; }
    public string? User { get; set; }

    /// <summary>Provider keys with no typed member (e.g. <c>service_tier</c>), passed through to the body by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
