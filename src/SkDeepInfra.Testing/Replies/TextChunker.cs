using System.Collections.Generic;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Splits text into pieces of a fixed number of UTF-16 characters, never splitting a surrogate pair.</summary>
internal static class TextChunker
{
    public static IEnumerable<string> Split(string? text, int size)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        int start = 0;
        while (start < text.Length)
        {
            int length = size < text.Length - start ? size : text.Length - start;
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length++;
            }

            yield return text.Substring(start, length);
            start += length;
        }
    }
}
