namespace SkDeepInfra.Internal.Wire;

/// <summary>A tool call: complete in requests and replies, a fragment (keyed by <see cref="Index"/>) in stream deltas.</summary>
internal sealed class WireToolCall
{
    public int? Index { get; set; }
    public string? Id { get; set; }
    public string? Type { get; set; }
    public WireFunctionCall? Function { get; set; }
}
