using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>One way a model family writes tool calls as text. All or nothing: a text is calls only, or it is prose.</summary>
internal interface ITextToolCallFormat
{
    /// <summary>Whether a reply that starts with <paramref name="trimmedStart"/> could still become calls in this format.</summary>
    bool CouldStart(string trimmedStart);

    /// <summary>Whether <paramref name="trimmedStart"/> is the start of calls in this format, which no later text can change.</summary>
    bool StartsLike(string trimmedStart);

    /// <summary>The calls, when the whole of <paramref name="text"/> (trimmed, end markers removed) is calls to <paramref name="offered"/> tools.</summary>
    List<FunctionCallContent>? TryParse(string text, ICollection<string> offered);
}
