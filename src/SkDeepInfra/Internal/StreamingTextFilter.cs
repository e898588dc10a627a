using System;

namespace SkDeepInfra.Internal;

/// <summary>
/// Removes end-of-sequence markers from streamed text, including markers split across chunks: a tail that could still
/// become a marker is held back until the next chunk decides it.
/// </summary>
internal sealed class StreamingTextFilter
{
    private string _pending = string.Empty;

    public string Push(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (_pending.Length == 0 && text!.IndexOf('<') < 0)
        {
            return text;
        }

        string combined = EndOfSequenceMarkers.Strip(_pending.Length == 0 ? text : _pending + text);
        int lastOpen = combined.LastIndexOf('<');
        if (lastOpen >= 0 && EndOfSequenceMarkers.IsPrefixOfMarker(combined.AsSpan(lastOpen)))
        {
            _pending = combined.Substring(lastOpen);
            return combined.Substring(0, lastOpen);
        }

        _pending = string.Empty;
        return combined;
    }

    /// <summary>Releases a held-back tail that never became a marker.</summary>
    public string Flush()
    {
        string pending = _pending;
        _pending = string.Empty;
        return pending;
    }
}
