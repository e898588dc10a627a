using System.Collections.Generic;
using System.Text.Json;

namespace SkDeepInfra.Internal.Wire;

/// <summary>The reply of <c>POST embeddings</c>: one vector per input, by <c>index</c>.</summary>
internal sealed class EmbeddingResponse
{
    public List<WireEmbedding>? Data { get; set; }
    public string? Model { get; set; }
    public WireUsage? Usage { get; set; }

    /// <summary>An in-band error object, as some gateways send with a 200 status.</summary>
    public JsonElement? Error { get; set; }

    /// <summary>DeepInfra's own in-band error frame: <c>{"error_type":"…","error_message":"…"}</c>.</summary>
    public JsonElement? ErrorType { get; set; }

    /// <summary>The message of DeepInfra's in-band error frame; possibly a JSON-stringified <c>{"error":{"message":…}}</c>.</summary>
    public JsonElement? ErrorMessage { get; set; }
}
