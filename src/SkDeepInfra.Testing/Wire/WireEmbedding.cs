namespace SkDeepInfra.Testing.Wire;

/// <summary>One input's vector: <c>{"object":"embedding","index":…,"embedding":…}</c>.</summary>
internal sealed class WireEmbedding
{
    public string Object { get; init; } = "embedding";

    public int Index { get; init; }

    public required WireEmbeddingVector Embedding { get; init; }
}
