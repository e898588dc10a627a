using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>A JSON array of call objects: <c>[{"name": …, "arguments": {…}}, …]</c>.</summary>
internal sealed class JsonArrayFormat : ITextToolCallFormat
{
    public bool CouldStart(string trimmedStart) =>
        trimmedStart.Length == 0 || (trimmedStart[0] == '[' && (trimmedStart.Substring(1).Trim().Length == 0 || StartsLike(trimmedStart)));

    public bool StartsLike(string trimmedStart) =>
        trimmedStart.Length > 1 && trimmedStart[0] == '[' && trimmedStart.Substring(1).TrimStart() is { Length: > 0 } rest && rest[0] == '{';

    public List<FunctionCallContent>? TryParse(string text, ICollection<string> offered) => ReadWhole(new TextCursor(text), offered);

    /// <summary>An array of calls that runs to the end of the text (Mistral's <c>[TOOL_CALLS]</c> array reads it too).</summary>
    public static List<FunctionCallContent>? ReadWhole(TextCursor cursor, ICollection<string> offered, bool allowId = false)
    {
        cursor.SkipWhitespace();
        if (cursor.AtEnd || cursor.Current != '[' || !cursor.TryReadJson(out JsonElement array))
        {
            return null;
        }

        cursor.SkipWhitespace();
        return cursor.AtEnd ? RecoveredCalls.FromArray(array, offered, allowId) : null;
    }
}
