using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>Llama 3.1's custom tool format: <c>&lt;function=get_weather&gt;{"city": "Paris"}&lt;/function&gt;</c>, one or several.</summary>
internal sealed class FunctionTagFormat : ITextToolCallFormat
{
    private const string Open = "<function=";
    private const string Close = "</function>";

    public bool CouldStart(string trimmedStart) => Prefixes.Could(trimmedStart, Open);

    public bool StartsLike(string trimmedStart) => Prefixes.Starts(trimmedStart, Open);

    public List<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        var cursor = new TextCursor(text);
        var calls = new List<FunctionCallContent>();
        while (true)
        {
            cursor.SkipWhitespace();
            if (cursor.AtEnd)
            {
                return calls.Count > 0 ? calls : null;
            }

            if (!cursor.TryConsume(Open))
            {
                return null;
            }

            string name = cursor.ReadName();
            if (!cursor.TryConsume(">"))
            {
                return null;
            }

            cursor.SkipWhitespace();
            JsonElement? arguments = null;
            if (!cursor.Peek(Close))
            {
                if (!cursor.TryReadJson(out JsonElement value))
                {
                    return null;
                }

                arguments = value;
                cursor.SkipWhitespace();
            }

            if (!cursor.TryConsume(Close) || RecoveredCalls.Create(name, arguments, offered) is not { } call)
            {
                return null;
            }

            calls.Add(call);
            cursor.SkipWhitespace();
            _ = cursor.TryConsume(";");
        }
    }
}
