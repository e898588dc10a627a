using System.Text.Json.Serialization;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.TestSupport;

/// <summary>Settings of another connector, as Semantic Kernel connectors write them: typed members with snake_case names, some DeepInfra's and some not.</summary>
public sealed class OtherConnectorSettings : PromptExecutionSettings
{
    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    [JsonPropertyName("top_p")]
    public double? TopP { get; set; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    [JsonPropertyName("stop_sequences")]
    public IList<string>? StopSequences { get; set; }

    [JsonPropertyName("response_format")]
    public object? ResponseFormat { get; set; }

    [JsonPropertyName("chat_system_prompt")]
    public string? ChatSystemPrompt { get; set; }

    [JsonPropertyName("logprobs")]
    public bool? Logprobs { get; set; }

    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    [JsonPropertyName("token_selection_biases")]
    public IDictionary<int, int>? TokenSelectionBiases { get; set; }
}
