using System.Collections.Generic;
using System.Text.Json;

namespace SkDeepInfra.Internal.Wire;

/// <summary>A non-streaming reply (<c>chat.completion</c>) or one stream chunk (<c>chat.completion.chunk</c>).</summary>
internal sealed class ChatCompletionResponse
{
    public string? Id { get; set; }
    public string? Object { get; set; }
    public long? Created { get; set; }
    public string? Model { get; set; }
    public List<WireChoice>? Choices { get; set; }
    public WireUsage? Usage { get; set; }

    /// <summary>Set when the service reports an error, including inside a 200 stream.</summary>
    public JsonElement? Error { get; set; }

    /// <summary>DeepInfra's own in-band error frame: <c>{"error_type":"…","error_message":"…"}</c>.</summary>
    public JsonElement? ErrorType { get; set; }

    /// <summary>The message of DeepInfra's in-band error frame; possibly a JSON-stringified <c>{"error":{"message":…}}</c>.</summary>
    public JsonElement? ErrorMessage { get; set; }
}
