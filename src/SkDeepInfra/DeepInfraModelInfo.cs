using System;
using System.Collections.Generic;
using System.Globalization;

namespace SkDeepInfra;

/// <summary>One model from DeepInfra's catalog (<c>GET {Endpoint}models</c>): its id and the metadata DeepInfra publishes for it.</summary>
/// <remarks>Every member but <see cref="Id"/> may be missing from the catalog, and is then <see langword="null"/> (or empty).</remarks>
public sealed class DeepInfraModelInfo
{
    /// <summary>Creates a model description.</summary>
    /// <param name="id">The model id, e.g. <c>meta-llama/Meta-Llama-3.1-8B-Instruct</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty or white space.</exception>
    public DeepInfraModelInfo(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("A model id is required.", nameof(id));
        }

        Id = id;
    }

    /// <summary>The model id to pass as <c>modelId</c>.</summary>
    public string Id { get; }

    /// <summary>Who serves the model, e.g. <c>deepinfra</c>.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>When the model was added.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>DeepInfra's description of the model.</summary>
    public string? Description { get; init; }

    /// <summary>The context window, in tokens (prompt plus completion).</summary>
    public int? ContextLength { get; init; }

    /// <summary>The most tokens one completion may generate.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>The published prices.</summary>
    public DeepInfraModelPricing? Pricing { get; init; }

    /// <summary>DeepInfra's tags, e.g. <c>vision</c>, <c>prompt_cache</c>, <c>reasoning</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Whether the model carries a tag (compared case-insensitively).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="true"/> when <see cref="Tags"/> holds it.</returns>
    public bool HasTag(string tag)
    {
        foreach (string candidate in Tags)
        {
            if (string.Equals(candidate, tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The id, context length and prices.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"{Id} (context {ContextLength?.ToString(CultureInfo.InvariantCulture) ?? "?"} tokens, {Pricing?.ToString() ?? "no published price"})");
}
