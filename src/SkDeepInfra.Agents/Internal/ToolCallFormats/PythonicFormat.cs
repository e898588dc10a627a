using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>
/// Llama 3.2, Llama 4 and Gemma 3's pythonic calls: <c>[get_weather(city="Paris"), get_time(zone='CET')]</c>, keyword
/// arguments only, values Python literals (strings, numbers, <c>True</c>/<c>False</c>/<c>None</c>, lists, tuples, dicts).
/// </summary>
internal sealed class PythonicFormat : ITextToolCallFormat
{
    public bool CouldStart(string trimmedStart) => Scan(trimmedStart) is not Start.No;

    public bool StartsLike(string trimmedStart) => Scan(trimmedStart) is Start.Yes;

    public List<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        var reader = new PythonLiteralReader(text);
        if (!reader.TryConsume('['))
        {
            return null;
        }

        var calls = new List<FunctionCallContent>();
        while (true)
        {
            string name = reader.ReadName();
            if (name.Length == 0 || !reader.TryConsume('(') || ReadArguments(reader) is not { } arguments
                || RecoveredCalls.Create(name, arguments, offered) is not { } call)
            {
                return null;
            }

            calls.Add(call);
            if (reader.TryConsume(']'))
            {
                return reader.AtEnd ? calls : null;
            }

            if (!reader.TryConsume(','))
            {
                return null;
            }
        }
    }

    /// <summary>The keyword arguments up to the closing parenthesis, as a JSON object.</summary>
    private static JsonElement? ReadArguments(PythonLiteralReader reader)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            while (!reader.TryConsume(')'))
            {
                string key = reader.ReadName();
                if (key.Length == 0 || !reader.TryConsume('=') || !reader.TryWriteValue(writer, key))
                {
                    return null;
                }

                if (!reader.TryConsume(',') && !reader.Peek(')'))
                {
                    return null;
                }
            }

            writer.WriteEndObject();
        }

        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private enum Start
    {
        No,
        Maybe,
        Yes,
    }

    /// <summary>A start of <c>[</c>, a name and <c>(</c>: whether it is one, could still be one, or is not.</summary>
    private static Start Scan(string start)
    {
        if (start.Length == 0)
        {
            return Start.Maybe;
        }

        if (start[0] != '[')
        {
            return Start.No;
        }

        int i = 1;
        while (i < start.Length && char.IsWhiteSpace(start[i]))
        {
            i++;
        }

        int nameStart = i;
        while (i < start.Length && PythonLiteralReader.IsNameChar(start[i]))
        {
            i++;
        }

        bool named = i > nameStart && !char.IsDigit(start[nameStart]);
        while (i < start.Length && char.IsWhiteSpace(start[i]))
        {
            i++;
        }

        return i == start.Length ? (named || i == nameStart ? Start.Maybe : Start.No)
            : named && start[i] == '(' ? Start.Yes
            : Start.No;
    }
}
