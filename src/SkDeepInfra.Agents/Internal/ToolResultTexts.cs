using System.Collections.Generic;
using System.Linq;

namespace SkDeepInfra.Agents.Internal;

/// <summary>The concise tool results a model gets when a call fails: what went wrong and what to do, in one line.</summary>
internal static class ToolResultTexts
{
    private const int MaxListedTools = 20;

    public static string UnknownTool(string name, IReadOnlyList<string> available) =>
        available.Count == 0
            ? $"Error: there is no tool named \"{name}\"; no tools are available."
            : $"Error: there is no tool named \"{name}\". Available tools: {string.Join(", ", available.Take(MaxListedTools))}.";

    public static string InvalidArguments(string name, string problem) =>
        $"Error: invalid arguments for tool \"{name}\": {problem}. Call it again with arguments that match its parameters.";

    public static string MalformedArguments(string name) =>
        $"Error: the arguments for tool \"{name}\" are not valid JSON. Call it again with a JSON object that matches its parameters.";

    public static string Refused(string name, string reason) =>
        $"Error: tool \"{name}\" was not run: {reason} Answer with what you have.";

    public static string Failed(string name, string? detail) =>
        detail is null ? $"Error: tool \"{name}\" failed." : $"Error: tool \"{name}\" failed: {detail}";
}
