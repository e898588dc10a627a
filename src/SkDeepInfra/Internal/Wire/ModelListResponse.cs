using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>The reply of <c>GET models</c>: OpenAI's model list with DeepInfra's <c>metadata</c> on each model.</summary>
internal sealed class ModelListResponse
{
    /// <summary>The models; an entry that does not read as a model is null.</summary>
    [JsonConverter(typeof(LenientModelListConverter))]
    public List<WireModel?>? Data { get; set; }
}
