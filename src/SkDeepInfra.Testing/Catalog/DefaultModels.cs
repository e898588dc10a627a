using System.Collections.Generic;

namespace SkDeepInfra.Testing.Catalog;

/// <summary>The models a new <see cref="DeepInfraEmulatorOptions"/> lists: five Llama 3.1 chat models, four embedding models.</summary>
internal static class DefaultModels
{
    /// <summary>The embedding length used for a model missing from <see cref="DeepInfraEmulatorOptions.Models"/>.</summary>
    public const int UnlistedEmbeddingDimensions = 1024;

    private const int LlamaContext = 131_072;
    private const int LlamaMaxTokens = 16_384;

    public static List<EmulatorModel> Create() =>
    [
        Llama("meta-llama/Meta-Llama-3.1-8B-Instruct", "Llama 3.1 8B, instruction tuned."),
        Llama("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "Llama 3.1 8B, instruction tuned, quantized for speed."),
        Llama("meta-llama/Meta-Llama-3.1-70B-Instruct", "Llama 3.1 70B, instruction tuned."),
        Llama("meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "Llama 3.1 70B, instruction tuned, quantized for speed."),
        Llama("meta-llama/Meta-Llama-3.1-405B-Instruct", "Llama 3.1 405B, instruction tuned."),
        Embedding("BAAI/bge-large-en-v1.5", "BGE large English text embeddings.", 1024, 512),
        Embedding("BAAI/bge-base-en-v1.5", "BGE base English text embeddings.", 768, 512),
        Embedding("BAAI/bge-m3", "BGE M3 multilingual text embeddings.", 1024, 8192),
        Embedding("sentence-transformers/all-MiniLM-L6-v2", "MiniLM sentence embeddings, small and fast.", 384, 512),
    ];

    private static EmulatorModel Llama(string id, string description) =>
        new(id) { Description = description, ContextLength = LlamaContext, MaxTokens = LlamaMaxTokens };

    private static EmulatorModel Embedding(string id, string description, int dimensions, int contextLength) =>
        new(id) { Description = description, ContextLength = contextLength, EmbeddingDimensions = dimensions };
}
