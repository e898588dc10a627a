namespace SkDeepInfra.Testing;

/// <summary>
/// Switches for the ways DeepInfra's streams differ from OpenAI's. A new instance has every quirk on, as the real
/// service behaves; <see cref="None"/> gives a plain OpenAI-style stream.
/// </summary>
public sealed class EmulatorStreamQuirks
{
    /// <summary>Gets a new instance with every quirk off: an OpenAI-style stream.</summary>
    public static EmulatorStreamQuirks None => new()
    {
        RepeatRole = false,
        NullToolCalls = false,
        EndOfSequenceMarker = false,
        UsageOnFinishChunk = false,
    };

    /// <summary>
    /// Gets or sets a value indicating whether every content, reasoning and tool-call delta carries
    /// <c>"role": "assistant"</c>. When off, only a first, empty delta announces the role.
    /// </summary>
    public bool RepeatRole { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether content and reasoning deltas carry <c>"tool_calls": null</c>.</summary>
    public bool NullToolCalls { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the model family's end-of-sequence token is sent as a content delta just
    /// before the finish chunk (for every completion reply, tool calls included): <c>&lt;/s&gt;</c> for Llama 3.x (as
    /// recorded), Llama 2 and Mistral, <c>&lt;|im_end|&gt;</c> for Qwen, QwQ, Hermes and Kimi, <c>&lt;｜end▁of▁sentence｜&gt;</c>
    /// for DeepSeek, <c>&lt;end_of_turn&gt;</c> for Gemma, <c>&lt;|eot|&gt;</c> for Llama 4, <c>&lt;|end|&gt;</c> for Phi,
    /// <c>&lt;|return|&gt;</c> for gpt-oss, <c>&lt;|endoftext|&gt;</c> for GLM.
    /// </summary>
    public bool EndOfSequenceMarker { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether usage rides on the finish chunk. When off, usage comes in a separate
    /// trailing chunk with <c>"choices": []</c>, as OpenAI sends it, and only when the request has
    /// <c>"stream_options": {"include_usage": true}</c>. When on, a request without <c>stream_options</c> gets usage (with
    /// <c>estimated_cost</c>) on its finish chunk too, as the recorded DeepInfra stream shows; <c>"include_usage": false</c>
    /// turns it off.
    /// </summary>
    public bool UsageOnFinishChunk { get; set; } = true;

    internal EmulatorStreamQuirks Clone() => (EmulatorStreamQuirks)MemberwiseClone();
}
