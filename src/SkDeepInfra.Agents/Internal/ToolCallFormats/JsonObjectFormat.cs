using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>
/// Llama 3.1 and 3.3's JSON tool calls: <c>&lt;|python_tag|&gt;{…}</c> or a bare <c>{"name": …, "parameters": {…}}</c>
/// (or <c>"arguments"</c>, or OpenAI's <c>{"type": "function", "function": {…}}</c>), several separated by <c>;</c>.
/// </summary>
internal sealed class JsonObjectFormat : ITextToolCallFormat
{
    private const string PythonTag = "<|python_tag|>";

    public bool CouldStart(string trimmedStart) => StartsLike(trimmedStart) || Prefixes.Could(trimmedStart, PythonTag);

    public bool StartsLike(string trimmedStart) =>
        (trimmedStart.Length > 0 && trimmedStart[0] == '{') || Prefixes.Starts(trimmedStart, PythonTag);

    public List<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        var cursor = new TextCursor(text);
        var calls = new List<FunctionCallContent>();
        while (true)
        {
            cursor.SkipWhitespace();
            if (cursor.TryConsume(PythonTag))
            {
                cursor.SkipWhitespace();
            }

            if (cursor.AtEnd || cursor.Current != '{' || !cursor.TryReadJson(out JsonElement element)
                || RecoveredCalls.FromObject(element, offered) is not { } call)
            {
                return null;
            }

            calls.Add(call);
            cursor.SkipWhitespace();
            if (cursor.AtEnd)
            {
                return calls;
            }

            if (!cursor.TryConsume(";"))
            {
                return null;
            }

            cursor.SkipWhitespace();
            if (cursor.AtEnd)
            {
                return calls;
            }
        }
    }
}
