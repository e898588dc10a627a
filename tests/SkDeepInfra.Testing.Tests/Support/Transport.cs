namespace SkDeepInfra.Testing;

/// <summary>How a test reaches the emulator.</summary>
public enum Transport
{
    InProcess,
    Loopback,
}
