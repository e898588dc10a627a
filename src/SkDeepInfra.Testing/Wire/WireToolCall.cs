namespace SkDeepInfra.Testing.Wire;

/// <summary>A complete tool call in a non-streaming message; <c>id</c> is omitted when null.</summary>
internal sealed class WireToolCall
{
    public string? Id { get; init; }

    public string Type { get; init; } = "function";

    public required WireFunction Function { get; init; }
}
