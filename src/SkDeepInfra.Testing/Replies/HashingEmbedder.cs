using System;
using System.Collections.Generic;
using System.Text;

namespace SkDeepInfra.Testing.Replies;

/// <summary>
/// Deterministic bag-of-words vectors (the hashing trick), so texts sharing words have a higher cosine similarity.
/// Words are the runs of letters and digits, lowercased. Each word's 32-bit FNV-1a hash over its UTF-8 bytes picks an
/// index (the low 31 bits modulo the length) and a sign (the top bit set: −1); the counts are L2-normalized. A text
/// without words gets the unit vector at index 0.
/// </summary>
internal static class HashingEmbedder
{
    private const uint FnvOffsetBasis = 2_166_136_261;
    private const uint FnvPrime = 16_777_619;

    /// <summary>Embeds <paramref name="text"/> in <paramref name="hashed"/> dimensions, then pads with zeros to <paramref name="length"/>.</summary>
    public static float[] Embed(string text, int hashed, int length)
    {
        double[] counts = new double[hashed];
        foreach (string word in Words(text))
        {
            uint hash = Fnv1a(word);
            counts[(int)((hash & 0x7FFF_FFFF) % (uint)hashed)] += (hash & 0x8000_0000) == 0 ? 1 : -1;
        }

        double norm = 0;
        foreach (double count in counts)
        {
            norm += count * count;
        }

        float[] vector = new float[Math.Max(hashed, length)];
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }

        double scale = 1 / Math.Sqrt(norm);
        for (int index = 0; index < hashed; index++)
        {
            vector[index] = (float)(counts[index] * scale);
        }

        return vector;
    }

    /// <summary>The 32-bit FNV-1a hash of the UTF-8 bytes of <paramref name="word"/>.</summary>
    public static uint Fnv1a(string word)
    {
        uint hash = FnvOffsetBasis;
        foreach (byte octet in Encoding.UTF8.GetBytes(word))
        {
            hash = (hash ^ octet) * FnvPrime;
        }

        return hash;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
