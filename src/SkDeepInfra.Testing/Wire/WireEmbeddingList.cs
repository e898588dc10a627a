using System.Collections.Generic;

namespace SkDeepInfra.Testing.Wire;

/// <summary>An embeddings response: <c>{"object":"list","data":[…],"model":…,"usage":{…}}</c>.</summary>
internal sealed class WireEmbeddingList
{
    public string Object { get; init; } = "list";

    public required IReadOnlyList<WireEmbedding> Data { get; init; }

    public required string Model { get; init; }

    public required WireEmbeddingUsage Usage { get; init; }
}
