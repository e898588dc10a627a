using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>A call object, or an array of them, alone in a Markdown fence: <c>```json\n{…}\n```</c>.</summary>
internal sealed class FencedJsonFormat : ITextToolCallFormat
{
    private const string Fence = "```";

    public bool CouldStart(string trimmedStart)
    {
        if (trimmedStart.Length <= Fence.Length)
        {
            return Fence.StartsWith(trimmedStart, StringComparison.Ordinal);
        }

        if (!Prefixes.Starts(trimmedStart, Fence))
        {
            return false;
        }

        string rest = trimmedStart.Substring(Fence.Length);
        return rest.Length <= 4 ? "json".StartsWith(rest, StringComparison.OrdinalIgnoreCase) || rest.Trim().Length == 0 : StartsLike(trimmedStart);
    }

    public bool StartsLike(string trimmedStart)
    {
        if (!Prefixes.Starts(trimmedStart, Fence))
        {
            return false;
        }

        string rest = trimmedStart.Substring(Fence.Length);
        if (rest.StartsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest.Substring(4);
        }

        rest = rest.TrimStart();
        return rest.Length > 0 && rest[0] is '{' or '[';
    }

    public List<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        var cursor = new TextCursor(text);
        if (!cursor.TryConsume(Fence))
        {
            return null;
        }

        _ = cursor.TryConsume("json") || cursor.TryConsume("JSON");
        cursor.SkipWhitespace();
        if (!cursor.TryReadJson(out JsonElement value))
        {
            return null;
        }

        cursor.SkipWhitespace();
        if (!cursor.TryConsume(Fence))
        {
            return null;
        }

        cursor.SkipWhitespace();
        if (!cursor.AtEnd)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array
            ? RecoveredCalls.FromArray(value, offered)
            : RecoveredCalls.FromObject(value, offered) is { } call ? [call] : null;
    }
}
