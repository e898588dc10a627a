using System;

namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>Checks on the start of a reply shared by the formats that open with a fixed tag.</summary>
internal static class Prefixes
{
    /// <summary>Whether <paramref name="start"/> is a beginning of <paramref name="literal"/> or goes on from it.</summary>
    public static bool Could(string start, string literal) =>
        start.Length <= literal.Length ? literal.StartsWith(start, StringComparison.Ordinal) : start.StartsWith(literal, StringComparison.Ordinal);

    public static bool Starts(string start, string literal) => start.StartsWith(literal, StringComparison.Ordinal);
}
