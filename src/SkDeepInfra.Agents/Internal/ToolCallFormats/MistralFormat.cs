using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>
/// Mistral's two ways: <c>[TOOL_CALLS][{"name": …, "arguments": {…}, "id": …}, …]</c> (older templates) and
/// <c>[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}</c>, repeated for several calls (newer ones).
/// </summary>
internal sealed class MistralFormat : ITextToolCallFormat
{
    private const string Open = "[TOOL_CALLS]";
    private const string Args = "[ARGS]";

    public bool CouldStart(string trimmedStart) => Prefixes.Could(trimmedStart, Open);

    public bool StartsLike(string trimmedStart) => Prefixes.Starts(trimmedStart, Open);

    public List<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        var cursor = new TextCursor(text);
        if (!cursor.TryConsume(Open))
        {
            return null;
        }

        cursor.SkipWhitespace();
        if (!cursor.AtEnd && cursor.Current == '[')
        {
            return JsonArrayFormat.ReadWhole(cursor, offered, allowId: true);
        }

        var calls = new List<FunctionCallContent>();
        while (true)
        {
            string name = cursor.ReadName();
            if (!cursor.TryConsume(Args) || !cursor.TryReadJson(out JsonElement arguments)
                || RecoveredCalls.Create(name, arguments, offered) is not { } call)
            {
                return null;
            }

            calls.Add(call);
            cursor.SkipWhitespace();
            if (cursor.AtEnd)
            {
                return calls;
            }

            if (!cursor.TryConsume(Open))
            {
                return null;
            }

            cursor.SkipWhitespace();
        }
    }
}
