using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>The body of <c>POST chat/completions</c>. Unset members are omitted from the JSON.</summary>
internal sealed class ChatCompletionRequest
{
    public string Model { get; set; } = string.Empty;
    public List<WireRequestMessage> Messages { get; set; } = [];
    public bool? Stream { get; set; }
    public WireStreamOptions? StreamOptions { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public double? MinP { get; set; }
    public int? TopK { get; set; }
    public int? MaxTokens { get; set; }
    public double? PresencePenalty { get; set; }
    public double? FrequencyPenalty { get; set; }
    public double? RepetitionPenalty { get; set; }
    public long? Seed { get; set; }
    public string? User { get; set; }
    public List<string>? Stop { get; set; }
    public WireResponseFormat? ResponseFormat { get; set; }
    public List<WireTool>? Tools { get; set; }
    public string? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }
    public string? ReasoningEffort { get; set; }

    /// <summary>Provider keys with no typed member, passed through to the body by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
