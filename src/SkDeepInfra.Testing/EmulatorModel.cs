using System;
using System.Collections.Generic;

namespace SkDeepInfra.Testing;

/// <summary>
/// A model the emulator knows: listed by <c>GET /v1/openai/models</c> and, when it has
/// <see cref="EmbeddingDimensions"/>, served by <c>POST /v1/openai/embeddings</c>. Its price comes from
/// <see cref="DeepInfraEmulatorOptions.Prices"/>.
/// </summary>
public sealed class EmulatorModel
{
    private int? contextLength;
    private int? maxTokens;
    private int? embeddingDimensions;

    /// <summary>Initializes a new instance of the <see cref="EmulatorModel"/> class.</summary>
    /// <param name="id">The model id, e.g. <c>meta-llama/Meta-Llama-3.1-8B-Instruct</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty or white space.</exception>
    public EmulatorModel(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("A model id cannot be null, empty or white space.", nameof(id));
        }

        Id = id;
    }

    /// <summary>Gets the model id (compared case-insensitively).</summary>
    public string Id { get; }

    /// <summary>Gets or sets the short description listed in the model's metadata.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the context window in tokens, listed as <c>context_length</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not null and less than 1.</exception>
    public int? ContextLength
    {
        get => contextLength;
        set => contextLength = Positive(value, nameof(ContextLength));
    }

    /// <summary>Gets or sets the most tokens a completion may have, listed as <c>max_tokens</c> (text generation models only).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not null and less than 1.</exception>
    public int? MaxTokens
    {
        get => maxTokens;
        set => maxTokens = Positive(value, nameof(MaxTokens));
    }

    /// <summary>
    /// Gets or sets the native length of the model's embedding vectors; <see langword="null"/> (the default) makes it a
    /// text generation model, which the embeddings endpoint refuses with 400.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not null and less than 1.</exception>
    public int? EmbeddingDimensions
    {
        get => embeddingDimensions;
        set => embeddingDimensions = Positive(value, nameof(EmbeddingDimensions));
    }

    /// <summary>Gets the tags listed in the model's metadata; empty by default.</summary>
    public IList<string> Tags { get; } = new List<string>();

    /// <summary>Gets or sets the creation time listed as <c>created</c> (Unix seconds); default 2024-07-23 00:00 UTC.</summary>
    public DateTimeOffset Created { get; set; } = new(2024, 7, 23, 0, 0, 0, TimeSpan.Zero);

    private static int? Positive(int? value, string name) =>
        value is < 1
            ? throw new ArgumentOutOfRangeException(name, value, "The value must be null or in [1, 2147483647].")
            : value;
}
