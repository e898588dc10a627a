namespace SkDeepInfra.Internal.Wire;

/// <summary>The function part of a tool call; <see cref="Arguments"/> is JSON text (possibly a fragment when streaming).</summary>
internal sealed class WireFunctionCall
{
    public string? Name { get; set; }
    public string? Arguments { get; set; }
}
