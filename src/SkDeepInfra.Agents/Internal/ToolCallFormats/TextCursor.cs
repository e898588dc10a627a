using System;
using System.Text;
using System.Text.Json;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>
/// Walks a reply's text for the tool-call formats: literals, white space, and JSON values read in place by
/// <see cref="Utf8JsonReader"/> (the text is encoded once; the cursor keeps its char and byte positions together).
/// </summary>
internal sealed class TextCursor
{
    private readonly byte[] _utf8;
    private int _offset; // Position, as a byte index into _utf8

    public TextCursor(string text)
    {
        Text = text;
        _utf8 = Encoding.UTF8.GetBytes(text);
    }

    public string Text { get; }

    public int Position { get; private set; }

    public bool AtEnd => Position >= Text.Length;

    public char Current => Text[Position];

    public bool Peek(string literal) => string.CompareOrdinal(Text, Position, literal, 0, literal.Length) == 0;

    public void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Text[Position]))
        {
            // Whitespace lies in the Basic Multilingual Plane: one to three bytes in UTF-8.
            _offset += Text[Position] < 0x80 ? 1 : Text[Position] < 0x800 ? 2 : 3;
            Position++;
        }
    }

    /// <summary>Steps over <paramref name="literal"/> when the text goes on with it.</summary>
    public bool TryConsume(string literal)
    {
        if (!Peek(literal))
        {
            return false;
        }

        Advance(literal.Length);
        return true;
    }

    /// <summary>Reads one JSON value that starts here.</summary>
    public bool TryReadJson(out JsonElement element)
    {
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_utf8, _offset, _utf8.Length - _offset));
        try
        {
            element = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }

        int bytes = checked((int)reader.BytesConsumed);
        Position += Encoding.UTF8.GetCharCount(_utf8, _offset, bytes);
        _offset += bytes;
        return true;
    }

    /// <summary>The text up to <paramref name="terminator"/>, stepping over both; false when the terminator never comes.</summary>
    public bool TryReadUntil(string terminator, out string content)
    {
        int end = Text.IndexOf(terminator, Position, StringComparison.Ordinal);
        if (end < 0)
        {
            content = string.Empty;
            return false;
        }

        content = Text.Substring(Position, end - Position);
        Advance(end - Position + terminator.Length);
        return true;
    }

    /// <summary>An identifier (letters, digits, <c>_</c>, <c>-</c>, <c>.</c>) that starts here, stepped over; empty when none.</summary>
    public string ReadName()
    {
        int start = Position;
        int end = start;
        while (end < Text.Length && (char.IsLetterOrDigit(Text[end]) || Text[end] is '_' or '-' or '.'))
        {
            end++;
        }

        Advance(end - start);
        return Text.Substring(start, end - start);
    }

    public void Advance(int chars)
    {
#if NET
        _offset += Encoding.UTF8.GetByteCount(Text.AsSpan(Position, chars));
#else
        _offset += Encoding.UTF8.GetByteCount(Text.Substring(Position, chars));
#endif
        Position += chars;
    }
}
