using System.Collections.Generic;

namespace SkDeepInfra.Internal;

/// <summary>
/// The end-of-sequence tokens DeepInfra models leak at the end of their text, and the rule for removing them: only a run of
/// markers (with white space between and after them) that ends the text is removed. A marker-like string followed by more
/// text is text, and a trailing <c>&lt;/s&gt;</c> that closes an HTML <c>&lt;s&gt;</c> is text too.
/// </summary>
internal static class EndOfSequenceMarkers
{
    private const string Strike = "</s>";

    /// <summary>The markers of every known family (in <see cref="DeepInfraModelFamilies"/>): Llama 2/3.x/4, Qwen/ChatML, Gemma, DeepSeek, Mistral, Phi, gpt-oss, GLM.</summary>
    public static readonly string[] All =
    [
        "</s>", "<|eot_id|>", "<|eom_id|>", "<|end_of_text|>", "<|eot|>", "<|eom|>",
        "<|im_end|>", "<|endoftext|>",
        "<end_of_turn>", "<eos>",
        "<｜end▁of▁sentence｜>",
        "<|end|>", "<|return|>", "<|call|>",
        "<|user|>", "<|observation|>",
    ];

    /// <summary>Removes the markers that end <paramref name="text"/>, with the white space between and after them.</summary>
    public static string StripTrailing(string? text, IReadOnlyList<string> markers)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        int end = text!.Length;
        while (true)
        {
            int beforeSpace = end;
            while (beforeSpace > 0 && char.IsWhiteSpace(text[beforeSpace - 1]))
            {
                beforeSpace--;
            }

            if (beforeSpace == 0 || MarkerEndingAt(text, beforeSpace, markers) is not { } marker)
            {
                break;
            }

            end = beforeSpace - marker.Length;
        }

        return end == text.Length ? text : text.Substring(0, end);
    }

    /// <summary>The marker that ends at <paramref name="end"/> in <paramref name="text"/>, if any.</summary>
    private static string? MarkerEndingAt(string text, int end, IReadOnlyList<string> markers)
    {
        for (int i = 0; i < markers.Count; i++)
        {
            string marker = markers[i];
            int start = end - marker.Length;
            if (start >= 0 && string.CompareOrdinal(text, start, marker, 0, marker.Length) == 0
                && !(marker == Strike && OpensStrike(text, start)))
            {
                return marker;
            }
        }

        return null;
    }

    /// <summary>The length of the marker that starts at <paramref name="start"/>, or 0; -1 when the rest of the text is a proper prefix of one.</summary>
    public static int MarkerAt(string text, int start, IReadOnlyList<string> markers, bool strikeOpen)
    {
        int rest = text.Length - start;
        bool prefix = false;
        for (int i = 0; i < markers.Count; i++)
        {
            string marker = markers[i];
            if (rest >= marker.Length)
            {
                if (string.CompareOrdinal(text, start, marker, 0, marker.Length) == 0 && !(strikeOpen && marker == Strike))
                {
                    return marker.Length;
                }
            }
            else if (string.CompareOrdinal(text, start, marker, 0, rest) == 0)
            {
                prefix = true;
            }
        }

        return prefix ? -1 : 0;
    }

    /// <summary>Whether <paramref name="text"/> before <paramref name="end"/> leaves an HTML <c>&lt;s&gt;</c> open.</summary>
    private static bool OpensStrike(string text, int end) => StrikeDepth(text, 0, end, 0, 0) > 0;

    /// <summary>
    /// The number of open HTML <c>&lt;s&gt;</c> elements after reading <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>),
    /// counting only tags that end after <paramref name="countFrom"/> (the ones before were counted in <paramref name="depth"/>).
    /// </summary>
    public static int StrikeDepth(string text, int start, int end, int depth, int countFrom)
    {
        for (int i = text.IndexOf('<', start); i >= 0 && i < end; i = text.IndexOf('<', i + 1))
        {
            if (i + 3 <= end && i + 3 > countFrom && string.CompareOrdinal(text, i, "<s>", 0, 3) == 0)
            {
                depth++;
            }
            else if (depth > 0 && i + 4 <= end && i + 4 > countFrom && string.CompareOrdinal(text, i, Strike, 0, 4) == 0)
            {
                depth--;
            }
        }

        return depth;
    }
}
