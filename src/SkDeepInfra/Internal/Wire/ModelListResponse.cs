using System.Collections.Generic;

namespace SkDeepInfra.Internal.Wire;

/// <summary>The reply of <c>GET models</c>: OpenAI's model list with DeepInfra's <c>metadata</c> on each model.</summary>
internal sealed class ModelListResponse
{
    public List<WireModel?>? Data { get; set; }
}
