using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using SkDeepInfra.Internal.SemanticKernel;

namespace SkDeepInfra;

/// <summary>
/// Semantic Kernel settings for DeepInfra. Every property has its DeepInfra (snake_case) JSON name, so prompt templates
/// and plain <see cref="PromptExecutionSettings.ExtensionData"/> keys (<c>temperature</c>, <c>top_k</c>, <c>min_p</c>, …) work.
/// Ranges are checked before a request is sent.
/// </summary>
public sealed class DeepInfraPromptExecutionSettings : PromptExecutionSettings
{
    private double? _temperature;
    private double? _topP;
    private double? _minP;
    private int? _topK;
    private int? _maxTokens;
    private double? _presencePenalty;
    private double? _frequencyPenalty;
    private double? _repetitionPenalty;
    private long? _seed;
    private string? _user;
    private IList<string>? _stopSequences;
    private object? _responseFormat;
    private string? _reasoningEffort;

    /// <summary>Sampling temperature, [0, 2]. DeepInfra's default is 1.</summary>
    [JsonPropertyName("temperature")]
    public double? Temperature { get => _temperature; set => Set(ref _temperature, value); }

    /// <summary>Nucleus sampling probability mass, (0, 1]. DeepInfra's default is 1.</summary>
    [JsonPropertyName("top_p")]
    public double? TopP { get => _topP; set => Set(ref _topP, value); }

    /// <summary>Minimum token probability relative to the most likely token, [0, 1]; 0 disables it.</summary>
    [JsonPropertyName("min_p")]
    public double? MinP { get => _minP; set => Set(ref _minP, value); }

    /// <summary>Sample from the best k tokens, [0, 1000); 0 disables it.</summary>
    [JsonPropertyName("top_k")]
    public int? TopK { get => _topK; set => Set(ref _topK, value); }

    /// <summary>Maximum tokens to generate, [0, 1000000].</summary>
    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get => _maxTokens; set => Set(ref _maxTokens, value); }

    /// <summary>Additive penalty for tokens already present, [-2, 2].</summary>
    [JsonPropertyName("presence_penalty")]
    public double? PresencePenalty { get => _presencePenalty; set => Set(ref _presencePenalty, value); }

    /// <summary>Additive penalty by token frequency, [-2, 2].</summary>
    [JsonPropertyName("frequency_penalty")]
    public double? FrequencyPenalty { get => _frequencyPenalty; set => Set(ref _frequencyPenalty, value); }

    /// <summary>Multiplicative repetition penalty, [0.01, 5]; above 1 penalizes, below 1 encourages.</summary>
    [JsonPropertyName("repetition_penalty")]
    public double? RepetitionPenalty { get => _repetitionPenalty; set => Set(ref _repetitionPenalty, value); }

    /// <summary>Random seed; determinism is not guaranteed.</summary>
    [JsonPropertyName("seed")]
    public long? Seed { get => _seed; set => Set(ref _seed, value); }

    /// <summary>An opaque end-user identifier for abuse monitoring (hash it; send nothing identifying).</summary>
    [JsonPropertyName("user")]
    public string? User { get => _user; set => Set(ref _user, value); }

    /// <summary>Sequences where generation stops (sent as <c>stop</c>).</summary>
    [JsonPropertyName("stop_sequences")]
    public IList<string>? StopSequences { get => _stopSequences; set => Set(ref _stopSequences, value); }

    /// <summary>
    /// The reply format: <c>"json_object"</c>, <c>"text"</c>, a JSON schema (a <see cref="System.Text.Json.JsonElement"/>
    /// or a JSON string), a <see cref="ChatResponseFormat"/>, or a CLR <see cref="Type"/> whose schema is generated.
    /// </summary>
    [JsonIgnore]
    public object? ResponseFormat { get => _responseFormat; set => Set(ref _responseFormat, value); }

    /// <summary>For reasoning models: <c>"none"</c>, <c>"low"</c>, <c>"medium"</c> or <c>"high"</c>, sent as given.</summary>
    [JsonPropertyName("reasoning_effort")]
    public string? ReasoningEffort { get => _reasoningEffort; set => Set(ref _reasoningEffort, value); }

    /// <summary>The JSON face of <see cref="ResponseFormat"/>: a CLR type is written as its JSON schema.</summary>
    [JsonPropertyName("response_format")]
    [JsonInclude]
    internal object? ResponseFormatJson
    {
        get => ResponseFormats.ToSerializable(_responseFormat);
        set => ResponseFormat = value;
    }

    /// <summary>
    /// Returns <paramref name="settings"/> itself when it already is a <see cref="DeepInfraPromptExecutionSettings"/>;
    /// otherwise new settings with its model id, service id, function choice behavior and <see cref="PromptExecutionSettings.ExtensionData"/>,
    /// whose DeepInfra keys become typed properties (unknown keys stay in <see cref="PromptExecutionSettings.ExtensionData"/> and are sent by name).
    /// Another connector's settings type (such as Semantic Kernel's <c>OpenAIPromptExecutionSettings</c>) contributes its public
    /// members that DeepInfra has (<c>Temperature</c>, <c>MaxTokens</c>, <c>StopSequences</c>, <c>ReasoningEffort</c>, <c>ResponseFormat</c>, …),
    /// its system and developer prompts, <c>Logprobs</c> and <c>ExtraBody</c>; an <see cref="PromptExecutionSettings.ExtensionData"/> key of the
    /// same name wins.
    /// </summary>
    /// <param name="settings">Any settings, or <see langword="null"/> for empty settings.</param>
    /// <returns>DeepInfra settings.</returns>
    /// <exception cref="ArgumentException">A value has the wrong type, or another connector's member is set that DeepInfra has no equivalent for
    /// (the message names it).</exception>
    public static DeepInfraPromptExecutionSettings FromExecutionSettings(PromptExecutionSettings? settings) =>
        settings as DeepInfraPromptExecutionSettings ?? SettingsMapper.FromExecutionSettings(settings);

    /// <inheritdoc />
    public override PromptExecutionSettings Clone() => new DeepInfraPromptExecutionSettings
    {
        ModelId = ModelId,
        ServiceId = ServiceId,
        FunctionChoiceBehavior = FunctionChoiceBehavior,
        ExtensionData = ExtensionData is null ? null : new Dictionary<string, object>(ExtensionData),
        Temperature = Temperature,
        TopP = TopP,
        MinP = MinP,
        TopK = TopK,
        MaxTokens = MaxTokens,
        PresencePenalty = PresencePenalty,
        FrequencyPenalty = FrequencyPenalty,
        RepetitionPenalty = RepetitionPenalty,
        Seed = Seed,
        User = User,
        StopSequences = StopSequences is null ? null : new List<string>(StopSequences),
        ResponseFormat = ResponseFormat,
        ReasoningEffort = ReasoningEffort,
    };

    /// <inheritdoc />
    public override void Freeze()
    {
        if (IsFrozen)
        {
            return;
        }

        if (_stopSequences is not null)
        {
            _stopSequences = new ReadOnlyCollection<string>(new List<string>(_stopSequences));
        }

        base.Freeze();
    }

    /// <summary>Maps these settings onto options built by Semantic Kernel's chat-client adapter, replacing its JSON round trip with typed values.</summary>
    /// <param name="options">The options about to be sent.</param>
    protected override void PrepareChatOptionsForRequest(ChatOptions options) => SettingsMapper.ApplyTo(this, options);

    private void Set<T>(ref T field, T value)
    {
        ThrowIfFrozen();
        field = value;
    }
}
