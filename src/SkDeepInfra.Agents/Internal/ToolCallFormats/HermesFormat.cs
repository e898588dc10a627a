using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>Hermes, Qwen2.5 and Qwen3: <c>&lt;tool_call&gt;{"name": …, "arguments": {…}}&lt;/tool_call&gt;</c>, one or several.</summary>
internal sealed class HermesFormat : ITextToolCallFormat
{
    private const string Open = "<tool_call>";
    private const string Close = "</tool_call>";

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

            cursor.SkipWhitespace();
            if (!cursor.TryReadJson(out JsonElement element) || RecoveredCalls.FromObject(element, offered) is not { } call)
            {
                return null;
            }

            cursor.SkipWhitespace();
            if (!cursor.TryConsume(Close))
            {
                return null;
            }

            calls.Add(call);
        }
    }
}
