namespace SkDeepInfra.Reliability;

/// <summary>What the fake server sends for one case, and what the client must make of it.</summary>
public sealed class FuzzInput
{
    public required int Status { get; init; }
    public required string? ContentType { get; init; }
    public required int ReadSize { get; init; }
    public required Oracle Oracle { get; init; }

    /// <summary>The body, or <see langword="null"/> for an endless one.</summary>
    public byte[]? Body { get; init; }

    /// <summary>After this many bytes the connection fails (an <see cref="HttpIOException"/>) instead of ending.</summary>
    public int? CutAt { get; init; }

    public bool DeclareLength { get; init; }

    /// <summary>An endless body: this prefix, then the repeated unit forever.</summary>
    public (byte[] Prefix, byte[] Unit, long? DeclaredLength)? Endless { get; init; }

    /// <summary>For endless bodies: the most bytes a client that honours its limits may have read.</summary>
    public long MaxServedBytes { get; init; } = long.MaxValue;
}
