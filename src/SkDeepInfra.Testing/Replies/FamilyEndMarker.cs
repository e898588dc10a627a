using System;

namespace SkDeepInfra.Testing.Replies;

/// <summary>
/// The end-of-sequence token a model family leaks at the end of a DeepInfra stream, by model id: <c>&lt;/s&gt;</c> as the
/// recorded Llama 3.1 stream sends it (and Llama 2, Mistral), else the family's own.
/// </summary>
internal static class FamilyEndMarker
{
    private static readonly (string Pattern, string Marker)[] s_markers =
    [
        ("deepseek", "<｜end▁of▁sentence｜>"),
        ("qwen", "<|im_end|>"),
        ("qwq", "<|im_end|>"),
        ("hermes", "<|im_end|>"),
        ("kimi", "<|im_end|>"),
        ("llama-4", "<|eot|>"),
        ("gemma", "<end_of_turn>"),
        ("phi-", "<|end|>"),
        ("gpt-oss", "<|return|>"),
        ("glm", "<|endoftext|>"),
    ];

    public static string For(string? modelId)
    {
        foreach ((string pattern, string marker) in s_markers)
        {
            if (modelId?.Contains(pattern, StringComparison.OrdinalIgnoreCase) == true)
            {
                return marker;
            }
        }

        return "</s>";
    }
}
