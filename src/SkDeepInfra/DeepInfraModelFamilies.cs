using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using SkDeepInfra.Internal;

namespace SkDeepInfra;

/// <summary>
/// The table of model-family profiles a client consults per model id: the built-in families DeepInfra serves, and any a
/// user adds (<see cref="Add"/>), which take precedence. A model no profile matches gets <see cref="Unknown"/>: every known end
/// marker and inline reasoning. Thread-safe; a profile added later applies to clients already created with the table.
/// </summary>
public sealed class DeepInfraModelFamilies : IReadOnlyList<DeepInfraModelFamily>
{
    private static readonly string[] s_llama3Markers = ["<|eot_id|>", "<|eom_id|>", "<|end_of_text|>", "</s>"];
    private static readonly string[] s_chatMlMarkers = ["<|im_end|>", "<|endoftext|>"];

    private readonly object _gate = new();
    private DeepInfraModelFamily[] _families;

    /// <summary>Creates a table that holds the built-in profiles.</summary>
    public DeepInfraModelFamilies()
    {
        _families = [DeepSeek, Qwen3, Qwen, Hermes, Llama4, Llama32, Llama31, Llama2, Gemma, Mistral, Phi, GptOss, Kimi, Glm];
    }

    /// <summary>Gets every end marker the built-in profiles know.</summary>
    public static IReadOnlyList<string> KnownEndMarkers => EndOfSequenceMarkers.All;

    /// <summary>Gets Llama 3.1 and 3.3: JSON tool calls (or <c>&lt;function=…&gt;</c>), <c>&lt;|eot_id|&gt;</c>, <c>&lt;|eom_id|&gt;</c>, <c>&lt;|end_of_text|&gt;</c>, <c>&lt;/s&gt;</c>.</summary>
    public static DeepInfraModelFamily Llama31 { get; } = new("Llama 3.1/3.3", ["llama-3.1", "llama-3.3", "llama-3-", "llama3"], s_llama3Markers);

    /// <summary>Gets Llama 3.2: pythonic tool calls.</summary>
    public static DeepInfraModelFamily Llama32 { get; } = new("Llama 3.2", ["llama-3.2"], s_llama3Markers, DeepInfraToolCallFormat.Pythonic);

    /// <summary>Gets Llama 4: pythonic tool calls, <c>&lt;|eot|&gt;</c>.</summary>
    public static DeepInfraModelFamily Llama4 { get; } = new("Llama 4", ["llama-4"], ["<|eot|>", "<|eom|>", .. s_llama3Markers], DeepInfraToolCallFormat.Pythonic);

    /// <summary>Gets Llama 2: <c>&lt;/s&gt;</c>, no native tools.</summary>
    public static DeepInfraModelFamily Llama2 { get; } = new("Llama 2", ["llama-2"], ["</s>"], nativeToolCalling: false);

    /// <summary>Gets Qwen3 and QwQ: ChatML markers, Hermes tool calls, inline <c>&lt;think&gt;</c> reasoning.</summary>
    public static DeepInfraModelFamily Qwen3 { get; } = new("Qwen3/QwQ", ["qwen3", "qwq"], s_chatMlMarkers, DeepInfraToolCallFormat.Hermes, inlineReasoning: true);

    /// <summary>Gets Qwen2.5 and other Qwen models: ChatML markers, Hermes tool calls.</summary>
    public static DeepInfraModelFamily Qwen { get; } = new("Qwen", ["qwen"], s_chatMlMarkers, DeepInfraToolCallFormat.Hermes);

    /// <summary>Gets Nous Hermes (on Llama 3.x): ChatML markers, Hermes tool calls.</summary>
    public static DeepInfraModelFamily Hermes { get; } = new("Hermes", ["hermes"], s_chatMlMarkers, DeepInfraToolCallFormat.Hermes);

    /// <summary>Gets DeepSeek V3.x and R1 (and R1's distills): <c>&lt;｜end▁of▁sentence｜&gt;</c>, DeepSeek tool calls, inline reasoning.</summary>
    public static DeepInfraModelFamily DeepSeek { get; } = new("DeepSeek", ["deepseek"], ["<｜end▁of▁sentence｜>"], DeepInfraToolCallFormat.DeepSeek, inlineReasoning: true);

    /// <summary>Gets Gemma: <c>&lt;end_of_turn&gt;</c>, <c>&lt;eos&gt;</c>, pythonic tool calls from a prompt, no native tools.</summary>
    public static DeepInfraModelFamily Gemma { get; } = new("Gemma", ["gemma"], ["<end_of_turn>", "<eos>"], DeepInfraToolCallFormat.Pythonic, nativeToolCalling: false);

    /// <summary>Gets Mistral, Mixtral, Devstral and Magistral: <c>&lt;/s&gt;</c>, <c>[TOOL_CALLS]</c>.</summary>
    public static DeepInfraModelFamily Mistral { get; } = new("Mistral", ["mistral", "mixtral", "devstral", "magistral"], ["</s>"], DeepInfraToolCallFormat.Mistral);

    /// <summary>Gets Phi: <c>&lt;|end|&gt;</c>, <c>&lt;|endoftext|&gt;</c>, JSON tool calls.</summary>
    public static DeepInfraModelFamily Phi { get; } = new("Phi", ["phi-"], ["<|end|>", "<|endoftext|>"]);

    /// <summary>Gets gpt-oss: <c>&lt;|return|&gt;</c>, <c>&lt;|end|&gt;</c>, <c>&lt;|call|&gt;</c>.</summary>
    public static DeepInfraModelFamily GptOss { get; } = new("gpt-oss", ["gpt-oss"], ["<|return|>", "<|end|>", "<|call|>"]);

    /// <summary>Gets Kimi K2: ChatML markers, Hermes tool calls, inline reasoning.</summary>
    public static DeepInfraModelFamily Kimi { get; } = new("Kimi", ["kimi"], ["<|im_end|>"], DeepInfraToolCallFormat.Hermes, inlineReasoning: true);

    /// <summary>Gets GLM: <c>&lt;|endoftext|&gt;</c>, <c>&lt;|user|&gt;</c>, <c>&lt;|observation|&gt;</c>, Hermes tool calls, inline reasoning.</summary>
    public static DeepInfraModelFamily Glm { get; } = new("GLM", ["glm"], ["<|endoftext|>", "<|user|>", "<|observation|>"], DeepInfraToolCallFormat.Hermes, inlineReasoning: true);

    /// <summary>Gets the profile of a model no other profile matches: every known end marker, JSON tool calls, inline reasoning.</summary>
    public static DeepInfraModelFamily Unknown { get; } = new("Unknown", ["*"], EndOfSequenceMarkers.All, inlineReasoning: true);

    /// <summary>Gets the number of profiles in the table.</summary>
    public int Count => Volatile.Read(ref _families).Length;

    /// <summary>Gets the profile at <paramref name="index"/>, in lookup order (the last added first).</summary>
    /// <param name="index">The position.</param>
    /// <returns>The profile.</returns>
    public DeepInfraModelFamily this[int index] => Volatile.Read(ref _families)[index];

    /// <summary>Adds a profile that takes precedence over the ones already in the table, the built-ins included.</summary>
    /// <param name="family">The profile.</param>
    /// <exception cref="ArgumentNullException"><paramref name="family"/> is null.</exception>
    public void Add(DeepInfraModelFamily family)
    {
        if (family is null)
        {
            throw new ArgumentNullException(nameof(family));
        }

        lock (_gate)
        {
            _families = [family, .. _families];
        }
    }

    /// <summary>The first profile that matches <paramref name="modelId"/>, else <see cref="Unknown"/>.</summary>
    /// <param name="modelId">A DeepInfra model id, e.g. <c>Qwen/Qwen3-32B</c>.</param>
    /// <returns>The profile; never <see langword="null"/>.</returns>
    public DeepInfraModelFamily Find(string? modelId)
    {
        foreach (DeepInfraModelFamily family in Volatile.Read(ref _families))
        {
            if (family.Matches(modelId))
            {
                return family;
            }
        }

        return Unknown;
    }

    /// <inheritdoc />
    public IEnumerator<DeepInfraModelFamily> GetEnumerator() => ((IEnumerable<DeepInfraModelFamily>)Volatile.Read(ref _families)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
