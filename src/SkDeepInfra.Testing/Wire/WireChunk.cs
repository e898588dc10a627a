using System.Collections.Generic;

namespace SkDeepInfra.Testing.Wire;

/// <summary>One streamed event (<c>"object": "chat.completion.chunk"</c>).</summary>
internal sealed class WireChunk
{
    public required string Id { get; init; }

    public string Object { get; init; } = "chat.completion.chunk";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required IReadOnlyList<WireChunkChoice> Choices { get; init; }

    public WireUsage? Usage { get; init; }
}
