namespace SkDeepInfra.Testing.Wire;

/// <summary>The function part of a tool call: its name and its arguments as JSON text.</summary>
internal sealed class WireFunction
{
    public required string Name { get; init; }

    public required string Arguments { get; init; }
}
