using System;
using System.Collections.Generic;
using System.Linq;

namespace SkDeepInfra;

/// <summary>
/// What one family of models served by DeepInfra does through the OpenAI-compatible endpoint: the end markers it leaks,
/// how it writes tool calls as text (and so how a prompted tool mode asks for them), whether it writes its reasoning
/// inline as <c>&lt;think&gt;…&lt;/think&gt;</c>, and whether it has native tool calling. The built-in profiles are in
/// <see cref="DeepInfraModelFamilies"/>; create one to describe a model the table does not know.
/// </summary>
public sealed class DeepInfraModelFamily
{
    /// <summary>Creates a profile.</summary>
    /// <param name="name">A display name, e.g. <c>Qwen3</c>.</param>
    /// <param name="modelIdPatterns">Parts of model ids that select this profile, matched case-insensitively anywhere in the id (e.g. <c>qwen3</c>).</param>
    /// <param name="endMarkers">The end-of-sequence markers removed where they end a reply.</param>
    /// <param name="toolCallFormat">How the family writes tool calls as text.</param>
    /// <param name="inlineReasoning">Whether a reply that starts with <c>&lt;think&gt;</c> carries its reasoning inline (it becomes <c>TextReasoningContent</c>).</param>
    /// <param name="nativeToolCalling">Whether DeepInfra accepts <c>tools</c> for the family's models.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, <paramref name="modelIdPatterns"/> has no pattern, or a pattern or marker is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toolCallFormat"/> is not a defined value.</exception>
    public DeepInfraModelFamily(
        string name,
        IEnumerable<string> modelIdPatterns,
        IEnumerable<string>? endMarkers = null,
        DeepInfraToolCallFormat toolCallFormat = DeepInfraToolCallFormat.Json,
        bool inlineReasoning = false,
        bool nativeToolCalling = true)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A family needs a name, e.g. 'Qwen3'.", nameof(name));
        }

        string[] patterns = modelIdPatterns?.ToArray() ?? throw new ArgumentNullException(nameof(modelIdPatterns));
        if (patterns.Length == 0 || patterns.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one non-empty model id pattern is needed, e.g. 'qwen3'.", nameof(modelIdPatterns));
        }

        string[] markers = endMarkers?.ToArray() ?? [];
        if (markers.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("End markers must not be empty.", nameof(endMarkers));
        }

        if (toolCallFormat is < DeepInfraToolCallFormat.Json or > DeepInfraToolCallFormat.DeepSeek)
        {
            throw new ArgumentOutOfRangeException(nameof(toolCallFormat), toolCallFormat, "Use one of the DeepInfraToolCallFormat values.");
        }

        Name = name;
        ModelIdPatterns = patterns;
        EndMarkers = markers;
        EndMarkerStarts = markers.Select(m => m[0]).Distinct().ToArray();
        ToolCallFormat = toolCallFormat;
        InlineReasoning = inlineReasoning;
        NativeToolCalling = nativeToolCalling;
    }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the parts of model ids that select this profile (case-insensitive, anywhere in the id).</summary>
    public IReadOnlyList<string> ModelIdPatterns { get; }

    /// <summary>Gets the end-of-sequence markers removed where they end a reply.</summary>
    public IReadOnlyList<string> EndMarkers { get; }

    /// <summary>The first characters of <see cref="EndMarkers"/>, where a streamed marker could begin.</summary>
    internal char[] EndMarkerStarts { get; }

    /// <summary>Gets how the family writes tool calls as text, and the format a prompted tool mode asks for.</summary>
    public DeepInfraToolCallFormat ToolCallFormat { get; }

    /// <summary>Gets a value indicating whether a reply that starts with <c>&lt;think&gt;</c> carries its reasoning inline.</summary>
    public bool InlineReasoning { get; }

    /// <summary>Gets a value indicating whether DeepInfra accepts <c>tools</c> for the family's models.</summary>
    public bool NativeToolCalling { get; }

    /// <summary>Whether <paramref name="modelId"/> contains one of <see cref="ModelIdPatterns"/> (ignoring case).</summary>
    /// <param name="modelId">A DeepInfra model id, e.g. <c>Qwen/Qwen3-32B</c>.</param>
    /// <returns><see langword="true"/> when the profile applies to the model.</returns>
    public bool Matches(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId))
        {
            return false;
        }

        foreach (string pattern in ModelIdPatterns)
        {
#pragma warning disable CA2249 // string.Contains(string, StringComparison) is not in netstandard2.0
            if (modelId!.IndexOf(pattern, StringComparison.OrdinalIgnoreCase) >= 0)
#pragma warning restore CA2249
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name and patterns.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Name} ({string.Join(", ", ModelIdPatterns)})";
}
