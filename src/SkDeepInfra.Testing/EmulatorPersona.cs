using System;

namespace SkDeepInfra.Testing;

/// <summary>
/// How one model family answers through DeepInfra, for the emulator to reproduce: the end marker it leaks at the end of a
/// stream, how it writes tool calls, whether its reasoning comes inline as <c>&lt;think&gt;…&lt;/think&gt;</c>, and whether
/// the service refuses <c>tools</c> for it ("Tool calling is not supported for model …", 400). Set
/// <see cref="DeepInfraEmulatorOptions.Persona"/>, or <see cref="DeepInfraEmulatorOptions.PersonasByModelId"/> to pick one per
/// request by <see cref="ForModel"/>.
/// </summary>
public sealed class EmulatorPersona
{
    /// <summary>Creates a persona.</summary>
    /// <param name="name">A display name.</param>
    /// <param name="endMarker">The end-of-sequence token sent before a stream's finish chunk (see <see cref="EmulatorStreamQuirks.EndOfSequenceMarker"/>).</param>
    /// <param name="toolCallStyle">How tool-call replies are written.</param>
    /// <param name="inlineReasoning">Whether a reply's reasoning is written into its content as <c>&lt;think&gt;…&lt;/think&gt;</c>.</param>
    /// <param name="nativeToolCalling">Whether a request that offers <c>tools</c> is accepted; when false it gets 400 "Tool calling is not supported for model …".</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="endMarker"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toolCallStyle"/> is not a defined value.</exception>
    public EmulatorPersona(string name, string endMarker, EmulatorToolCallStyle toolCallStyle, bool inlineReasoning = false, bool nativeToolCalling = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(endMarker);
        if (!Enum.IsDefined(toolCallStyle))
        {
            throw new ArgumentOutOfRangeException(nameof(toolCallStyle), toolCallStyle, "Use one of the EmulatorToolCallStyle values.");
        }

        (Name, EndMarker, ToolCallStyle, InlineReasoning, NativeToolCalling) = (name, endMarker, toolCallStyle, inlineReasoning, nativeToolCalling);
    }

    /// <summary>Gets Llama 3.1 as recorded: <c>&lt;/s&gt;</c>, tool calls as <c>&lt;|python_tag|&gt;</c> JSON text.</summary>
    public static EmulatorPersona Llama31 { get; } = new("Llama 3.1", "</s>", EmulatorToolCallStyle.Json);

    /// <summary>Gets Llama 3.2: <c>&lt;|eot_id|&gt;</c>, pythonic tool calls.</summary>
    public static EmulatorPersona Llama32 { get; } = new("Llama 3.2", "<|eot_id|>", EmulatorToolCallStyle.Pythonic);

    /// <summary>Gets Llama 4: <c>&lt;|eot|&gt;</c>, pythonic tool calls.</summary>
    public static EmulatorPersona Llama4 { get; } = new("Llama 4", "<|eot|>", EmulatorToolCallStyle.Pythonic);

    /// <summary>Gets Qwen3: <c>&lt;|im_end|&gt;</c>, Hermes tool calls, inline reasoning.</summary>
    public static EmulatorPersona Qwen3 { get; } = new("Qwen3", "<|im_end|>", EmulatorToolCallStyle.Hermes, inlineReasoning: true);

    /// <summary>Gets DeepSeek V3: <c>&lt;｜end▁of▁sentence｜&gt;</c>, DeepSeek tool-call tokens.</summary>
    public static EmulatorPersona DeepSeekV3 { get; } = new("DeepSeek V3", "<｜end▁of▁sentence｜>", EmulatorToolCallStyle.DeepSeek);

    /// <summary>Gets DeepSeek R1: as V3, with inline reasoning.</summary>
    public static EmulatorPersona DeepSeekR1 { get; } = new("DeepSeek R1", "<｜end▁of▁sentence｜>", EmulatorToolCallStyle.DeepSeek, inlineReasoning: true);

    /// <summary>Gets Mistral: <c>&lt;/s&gt;</c>, <c>[TOOL_CALLS]</c>.</summary>
    public static EmulatorPersona Mistral { get; } = new("Mistral", "</s>", EmulatorToolCallStyle.Mistral);

    /// <summary>Gets Gemma 3: <c>&lt;end_of_turn&gt;</c>, no native tool calling, pythonic calls when prompted.</summary>
    public static EmulatorPersona Gemma { get; } = new("Gemma", "<end_of_turn>", EmulatorToolCallStyle.Pythonic, nativeToolCalling: false);

    /// <summary>Gets Phi-4: <c>&lt;|end|&gt;</c>, JSON tool calls.</summary>
    public static EmulatorPersona Phi { get; } = new("Phi", "<|end|>", EmulatorToolCallStyle.Json);

    /// <summary>Gets gpt-oss: <c>&lt;|return|&gt;</c>, native tool calls.</summary>
    public static EmulatorPersona GptOss { get; } = new("gpt-oss", "<|return|>", EmulatorToolCallStyle.Native);

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the end-of-sequence token sent before a stream's finish chunk.</summary>
    public string EndMarker { get; }

    /// <summary>Gets how tool-call replies are written.</summary>
    public EmulatorToolCallStyle ToolCallStyle { get; }

    /// <summary>Gets a value indicating whether reasoning is written into the content as <c>&lt;think&gt;…&lt;/think&gt;</c>.</summary>
    public bool InlineReasoning { get; }

    /// <summary>Gets a value indicating whether requests that offer <c>tools</c> are accepted.</summary>
    public bool NativeToolCalling { get; }

    /// <summary>The built-in persona of a DeepInfra model id (matched by family name in the id), or <see langword="null"/>.</summary>
    /// <param name="modelId">A model id, e.g. <c>google/gemma-3-27b-it</c>.</param>
    /// <returns>The persona, or <see langword="null"/> for a model of no known family.</returns>
    public static EmulatorPersona? ForModel(string? modelId) => modelId?.ToLowerInvariant() switch
    {
        null => null,
        { } id when id.Contains("deepseek-r1", StringComparison.Ordinal) => DeepSeekR1,
        { } id when id.Contains("deepseek", StringComparison.Ordinal) => DeepSeekV3,
        { } id when id.Contains("qwen", StringComparison.Ordinal) || id.Contains("qwq", StringComparison.Ordinal) => Qwen3,
        { } id when id.Contains("llama-4", StringComparison.Ordinal) => Llama4,
        { } id when id.Contains("llama-3.2", StringComparison.Ordinal) => Llama32,
        { } id when id.Contains("llama", StringComparison.Ordinal) => Llama31,
        { } id when id.Contains("mistral", StringComparison.Ordinal) || id.Contains("mixtral", StringComparison.Ordinal) => Mistral,
        { } id when id.Contains("gemma", StringComparison.Ordinal) => Gemma,
        { } id when id.Contains("phi-", StringComparison.Ordinal) => Phi,
        { } id when id.Contains("gpt-oss", StringComparison.Ordinal) => GptOss,
        _ => null,
    };

    /// <summary>The name.</summary>
    /// <returns>The display name.</returns>
    public override string ToString() => Name;
}
