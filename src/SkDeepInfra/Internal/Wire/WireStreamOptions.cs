namespace SkDeepInfra.Internal.Wire;

/// <summary><c>stream_options</c>: asks for usage on the last chunk of a stream.</summary>
internal sealed class WireStreamOptions
{
    public bool IncludeUsage { get; set; } = true;
}
