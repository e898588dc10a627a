using System;
using System.Text.Json;

namespace SkDeepInfra.Internal;

/// <summary>Single values, each accepted only in the types the serializer accepts, and the strings a stream repeats.</summary>
internal sealed partial class ChatCompletionReader
{
    /// <summary>The current member name, unless it has escapes (never seen in practice): those are left to the serializer.</summary>
    private static bool TryGetName(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        name = reader.ValueIsEscaped ? default : reader.ValueSpan;
        return !reader.ValueIsEscaped;
    }

    private static bool ReadFinishReason(ref Utf8JsonReader reader, out string? value)
    {
        // The usual values without allocating; anything else as sent.
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            value = null;
            return reader.TokenType == JsonTokenType.Null;
        }

        value = reader.ValueTextEquals("stop"u8) ? "stop"
            : reader.ValueTextEquals("length"u8) ? "length"
            : reader.ValueTextEquals("tool_calls"u8) ? "tool_calls"
            : reader.GetString();
        return true;
    }

    private bool ReadRepeated(ref Utf8JsonReader reader, ref RepeatedString cache, out string? value)
    {
        reader.Read();
        if (_reuse && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            value = cache.Get(ref reader);
            return true;
        }

        return ReadCurrentString(ref reader, out value);
    }

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        reader.Read();
        return ReadCurrentString(ref reader, out value);
    }

    /// <summary>A string member whose usual value is <paramref name="known"/>: that value comes without allocating.</summary>
    private static bool ReadString(ref Utf8JsonReader reader, out string? value, ReadOnlySpan<byte> knownUtf8, string known)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(knownUtf8))
        {
            value = known;
            return true;
        }

        return ReadCurrentString(ref reader, out value);
    }

    private static bool ReadCurrentString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    private static bool ReadInt32(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int number))
        {
            value = number;
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
    }

    private static bool ReadInt64(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long number))
        {
            value = number;
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
    }

    private static bool ReadDouble(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double number))
        {
            value = number;
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>Skips a member the wire types do not have, as the serializer does.</summary>
    /// <summary>
    /// Reads a member's value token. <see langword="null"/> when it opens <paramref name="start"/> (read on); otherwise the
    /// member's outcome: <see langword="true"/> for a JSON null (the member is absent), <see langword="false"/> for any other
    /// token (not this shape).
    /// </summary>
    private static bool? OutcomeUnlessOpened(ref Utf8JsonReader reader, JsonTokenType start)
    {
        reader.Read();
        return reader.TokenType == start ? null : reader.TokenType == JsonTokenType.Null;
    }

    private static bool Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
        return true;
    }

    /// <summary>A string that recurs in every chunk of a stream, decoded once and reused while its bytes stay the same.</summary>
    private struct RepeatedString
    {
        private string? _value;

        /// <summary>The current (unescaped) string token, reusing the last value while the bytes are the same.</summary>
        public string Get(ref Utf8JsonReader reader)
        {
            if (_value is null || !IsAscii(reader.ValueSpan, _value))
            {
                _value = reader.GetString()!;
            }

            return _value;
        }

        /// <summary>True when <paramref name="utf8"/> is the ASCII spelling of <paramref name="value"/> (ids and model names are ASCII).</summary>
        private static bool IsAscii(ReadOnlySpan<byte> utf8, string value)
        {
#if NET
            return utf8.Length == value.Length && System.Text.Ascii.Equals(utf8, value);
#else
            if (utf8.Length != value.Length)
            {
                return false;
            }

            for (int i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] != value[i] || utf8[i] > 0x7F)
                {
                    return false;
                }
            }

            return true;
#endif
        }
    }
}
