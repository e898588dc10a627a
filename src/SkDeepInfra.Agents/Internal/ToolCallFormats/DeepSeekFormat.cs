using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>
/// DeepSeek's tool-call tokens: V3 writes <c>&lt;｜tool▁calls▁begin｜&gt;&lt;｜tool▁call▁begin｜&gt;function&lt;｜tool▁sep｜&gt;name</c>,
/// a fenced JSON block and <c>&lt;｜tool▁call▁end｜&gt;</c>; V3.1 writes <c>…&lt;｜tool▁call▁begin｜&gt;name&lt;｜tool▁sep｜&gt;{…}&lt;｜tool▁call▁end｜&gt;</c>.
/// Several calls sit between <c>&lt;｜tool▁calls▁begin｜&gt;</c> and <c>&lt;｜tool▁calls▁end｜&gt;</c>.
/// </summary>
internal sealed class DeepSeekFormat : ITextToolCallFormat
{
    private const string CallsBegin = "<｜tool▁calls▁begin｜>";
    private const string CallsEnd = "<｜tool▁calls▁end｜>";
    private const string CallBegin = "<｜tool▁call▁begin｜>";
    private const string CallEnd = "<｜tool▁call▁end｜>";
    private const string Separator = "<｜tool▁sep｜>";
    private const string Fence = "```";

    public bool CouldStart(string trimmedStart) => Prefixes.Could(trimmedStart, CallsBegin);

    public bool StartsLike(string trimmedStart) => Prefixes.Starts(trimmedStart, CallsBegin);

    public List<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        var cursor = new TextCursor(text);
        if (!cursor.TryConsume(CallsBegin))
        {
            return null;
        }

        var calls = new List<FunctionCallContent>();
        while (true)
        {
            cursor.SkipWhitespace();
            if (cursor.TryConsume(CallsEnd))
            {
                cursor.SkipWhitespace();
                return cursor.AtEnd && calls.Count > 0 ? calls : null;
            }

            if (!cursor.TryConsume(CallBegin) || ReadCall(cursor, offered) is not { } call)
            {
                return null;
            }

            calls.Add(call);
        }
    }

    private static FunctionCallContent? ReadCall(TextCursor cursor, ICollection<string> offered)
    {
        cursor.SkipWhitespace();
        string name = cursor.ReadName();
        if (!cursor.TryConsume(Separator))
        {
            return null;
        }

        bool fenced = false;
        cursor.SkipWhitespace();
        if (name == "function" && !cursor.AtEnd && cursor.Current != '{')
        {
            // V3: the type, then the name on its own line and the arguments in a ```json fence.
            name = cursor.ReadName();
            cursor.SkipWhitespace();
            if (!cursor.TryConsume(Fence))
            {
                return null;
            }

            _ = cursor.TryConsume("json");
            cursor.SkipWhitespace();
            fenced = true;
        }

        if (!cursor.TryReadJson(out JsonElement arguments))
        {
            return null;
        }

        cursor.SkipWhitespace();
        if ((fenced && !cursor.TryConsume(Fence)) || !SkipThen(cursor, CallEnd))
        {
            return null;
        }

        return RecoveredCalls.Create(name, arguments, offered);
    }

    private static bool SkipThen(TextCursor cursor, string literal)
    {
        cursor.SkipWhitespace();
        return cursor.TryConsume(literal);
    }
}
