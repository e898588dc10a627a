namespace SkDeepInfra.Testing.Wire;

/// <summary>DeepInfra's OpenAI-compatible error body: <c>{"error":{"message":…,"type":…,"param":null,"code":null}}</c>.</summary>
internal sealed class WireErrorEnvelope
{
    public required WireError Error { get; init; }
}
