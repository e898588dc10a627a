namespace SkDeepInfra.Testing.Wire;

/// <summary>DeepInfra's own in-band error frame, sent inside a 200 stream or as a 200 body: <c>{"error_type":…,"error_message":…}</c>.</summary>
internal sealed class WireInBandError
{
    public required string ErrorType { get; init; }

    public required string ErrorMessage { get; init; }
}
