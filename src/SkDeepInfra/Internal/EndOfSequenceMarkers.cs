using System;

namespace SkDeepInfra.Internal;

/// <summary>
/// The end-of-sequence tokens some DeepInfra models leak into their text; <c>&lt;|eom_id|&gt;</c> is the one Llama 3.1 writes
/// after a <c>&lt;|python_tag|&gt;</c> tool call.
/// </summary>
internal static class EndOfSequenceMarkers
{
    private static readonly string[] All = ["</s>", "<|eot_id|>", "<|eom_id|>", "<|end_of_text|>", "<|im_end|>"];

    /// <summary>Removes every complete marker from a whole text.</summary>
    public static string Strip(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text!.IndexOf('<') < 0)
        {
            return text;
        }

        foreach (string marker in All)
        {
            text = text.Replace(marker, string.Empty);
        }

        return text;
    }

    /// <summary>True when <paramref name="tail"/> (which starts with '&lt;') could still grow into a marker.</summary>
    public static bool IsPrefixOfMarker(ReadOnlySpan<char> tail)
    {
        foreach (string marker in All)
        {
            if (tail.Length < marker.Length && marker.AsSpan().StartsWith(tail, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
