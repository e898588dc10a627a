namespace SkDeepInfra.Internal.Wire;

/// <summary>One choice: <see cref="Message"/> in a reply, <see cref="Delta"/> in a stream chunk.</summary>
internal sealed class WireChoice
{
    public int Index { get; set; }
    public WireResponseMessage? Message { get; set; }
    public WireResponseMessage? Delta { get; set; }
    public string? FinishReason { get; set; }
}
