#if NET
using System;
#endif
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>Reads the Python literals of pythonic tool calls and writes them as JSON; white space between tokens is skipped.</summary>
internal sealed class PythonLiteralReader
{
    private const int MaxDepth = 32;
    private readonly string _text;
    private int _position;

    public PythonLiteralReader(string text)
    {
        _text = text;
    }

    public bool AtEnd
    {
        get
        {
            SkipWhitespace();
            return _position >= _text.Length;
        }
    }

    public static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.';

    public bool Peek(char c)
    {
        SkipWhitespace();
        return _position < _text.Length && _text[_position] == c;
    }

    public bool TryConsume(char c)
    {
        if (!Peek(c))
        {
            return false;
        }

        _position++;
        return true;
    }

    public string ReadName()
    {
        SkipWhitespace();
        int start = _position;
        while (_position < _text.Length && IsNameChar(_text[_position]))
        {
            _position++;
        }

        return start < _text.Length && char.IsDigit(_text[start]) ? string.Empty : _text.Substring(start, _position - start);
    }

    /// <summary>Writes the value that starts here under <paramref name="propertyName"/> (or as an array item when null).</summary>
    public bool TryWriteValue(Utf8JsonWriter writer, string? propertyName, int depth = 0)
    {
        SkipWhitespace();
        if (_position >= _text.Length || depth > MaxDepth)
        {
            return false;
        }

        if (propertyName is not null)
        {
            writer.WritePropertyName(propertyName);
        }

        char c = _text[_position];
        return c switch
        {
            '"' or '\'' => TryReadString(out string? text) && Write(writer, text!),
            '[' or '(' => TryWriteList(writer, c == '[' ? ']' : ')', depth),
            '{' => TryWriteDict(writer, depth),
            _ => TryWriteWord(writer),
        };
    }

    private bool TryWriteList(Utf8JsonWriter writer, char close, int depth)
    {
        _position++;
        writer.WriteStartArray();
        while (!TryConsume(close))
        {
            if (!TryWriteValue(writer, null, depth + 1) || (!TryConsume(',') && !Peek(close)))
            {
                return false;
            }
        }

        writer.WriteEndArray();
        return true;
    }

    private bool TryWriteDict(Utf8JsonWriter writer, int depth)
    {
        _position++;
        writer.WriteStartObject();
        while (!TryConsume('}'))
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] is not ('"' or '\'') || !TryReadString(out string? key)
                || !TryConsume(':') || !TryWriteValue(writer, key, depth + 1) || (!TryConsume(',') && !Peek('}')))
            {
                return false;
            }
        }

        writer.WriteEndObject();
        return true;
    }

    /// <summary>A number, or <c>True</c>, <c>False</c>, <c>None</c> (JSON's <c>true</c>, <c>false</c>, <c>null</c> too).</summary>
    private bool TryWriteWord(Utf8JsonWriter writer)
    {
        int start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '-' or '+' or '.' or '_'))
        {
            _position++;
        }

        string word = _text.Substring(start, _position - start);
        switch (word)
        {
            case "True" or "true":
                writer.WriteBooleanValue(true);
                return true;
            case "False" or "false":
                writer.WriteBooleanValue(false);
                return true;
            case "None" or "null":
                writer.WriteNullValue();
                return true;
        }

        if (long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            writer.WriteNumberValue(integer);
            return true;
        }

        if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && !double.IsInfinity(number) && !double.IsNaN(number))
        {
            writer.WriteNumberValue(number);
            return true;
        }

        return false;
    }

    private bool TryReadString(out string? value)
    {
        char quote = _text[_position++];
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (c == quote)
            {
                value = builder.ToString();
                return true;
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            char escaped = _text[_position++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'u' when _position + 4 <= _text.Length && TryParseHex(_text, _position, out ushort code):
                    builder.Append((char)code);
                    _position += 4;
                    break;
                default: builder.Append(escaped); break;
            }
        }

        value = null;
        return false;
    }

    private static bool TryParseHex(string text, int start, out ushort code) =>
#if NET
        ushort.TryParse(text.AsSpan(start, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out code);
#else
        ushort.TryParse(text.Substring(start, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out code);
#endif

    private static bool Write(Utf8JsonWriter writer, string text)
    {
        writer.WriteStringValue(text);
        return true;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
