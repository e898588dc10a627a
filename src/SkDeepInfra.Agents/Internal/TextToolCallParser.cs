using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using SkDeepInfra.Agents.Internal.ToolCallFormats;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// Recognises a reply that is, as a whole, tool calls written as text in one of the formats DeepInfra's model families
/// use (<see cref="DeepInfraToolCallFormat"/>, plus a JSON array of calls and JSON in a Markdown fence), optionally ending
/// in end markers. Anything else (prose around the calls, unknown keys, a name that is not an offered tool, a cut-off
/// call) is not a tool call: all or nothing.
/// </summary>
internal static class TextToolCallParser
{
    private static readonly ITextToolCallFormat s_json = new JsonObjectFormat();
    private static readonly ITextToolCallFormat s_functionTag = new FunctionTagFormat();
    private static readonly ITextToolCallFormat s_pythonic = new PythonicFormat();
    private static readonly ITextToolCallFormat s_hermes = new HermesFormat();
    private static readonly ITextToolCallFormat s_mistral = new MistralFormat();
    private static readonly ITextToolCallFormat s_deepSeek = new DeepSeekFormat();

    private static readonly ITextToolCallFormat[] s_all =
        [s_json, s_functionTag, s_hermes, s_mistral, s_deepSeek, s_pythonic, new JsonArrayFormat(), new FencedJsonFormat()];

    /// <summary>The parser of one family's format.</summary>
    public static ITextToolCallFormat For(DeepInfraToolCallFormat format) => format switch
    {
        DeepInfraToolCallFormat.FunctionTag => s_functionTag,
        DeepInfraToolCallFormat.Pythonic => s_pythonic,
        DeepInfraToolCallFormat.Hermes => s_hermes,
        DeepInfraToolCallFormat.Mistral => s_mistral,
        DeepInfraToolCallFormat.DeepSeek => s_deepSeek,
        _ => s_json,
    };

    /// <summary>Quick test on the start of a reply: could it still become tool calls in some format?</summary>
    public static bool CouldStartToolCall(string trimmedStart)
    {
        foreach (ITextToolCallFormat format in s_all)
        {
            if (format.CouldStart(trimmedStart))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the start of a reply is that of tool calls in some format, which no later text can change.</summary>
    public static bool StartsLikeToolCall(string trimmedStart)
    {
        foreach (ITextToolCallFormat format in s_all)
        {
            if (format.StartsLike(trimmedStart))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses <paramref name="text"/> as tool calls to the <paramref name="offered"/> tools.</summary>
    /// <returns>The calls, with fresh ids and <see cref="AgentRunPropertyNames.RecoveredFromText"/> set; <see langword="null"/> when the text is not (only) tool calls.</returns>
    public static IReadOnlyList<FunctionCallContent>? TryParse(string text, ICollection<string> offered)
    {
        if (offered.Count == 0)
        {
            return null;
        }

        string rest = StripEndMarkers(text.Trim());
        foreach (ITextToolCallFormat format in s_all)
        {
            if (format.StartsLike(rest) && format.TryParse(rest, offered) is { } calls)
            {
                return calls;
            }
        }

        return null;
    }

    /// <summary>Removes the end markers (of every known family) that end the text.</summary>
    private static string StripEndMarkers(string text)
    {
        bool stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (string marker in DeepInfraModelFamilies.KnownEndMarkers)
            {
                if (text.EndsWith(marker, StringComparison.Ordinal))
                {
                    text = text.Substring(0, text.Length - marker.Length).TrimEnd();
                    stripped = true;
                }
            }
        }

        return text;
    }
}
