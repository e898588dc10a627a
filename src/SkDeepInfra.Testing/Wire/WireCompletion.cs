using System.Collections.Generic;

namespace SkDeepInfra.Testing.Wire;

/// <summary>A non-streaming chat completion (<c>"object": "chat.completion"</c>).</summary>
internal sealed class WireCompletion
{
    public required string Id { get; init; }

    public string Object { get; init; } = "chat.completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required IReadOnlyList<WireChoice> Choices { get; init; }

    public WireUsage? Usage { get; init; }
}
