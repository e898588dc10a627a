using System.Collections.Generic;

namespace SkDeepInfra.Internal;

/// <summary>
/// Removes the end-of-sequence markers that end a streamed text, also when split across chunks. Only what could still be
/// a trailing run of markers (complete markers, white space after them, and a tail that could grow into one) is held
/// back; as soon as text follows, the held part is released as the text it was.
/// </summary>
internal sealed class StreamingTextFilter
{
    private readonly IReadOnlyList<string> _markers;
    private readonly char[] _markerStarts;
    private string _held = string.Empty;
    private string _carry = string.Empty; // the end of the released text when it could be the start of an HTML <s> or </s>
    private int _strikeDepth;

    public StreamingTextFilter(DeepInfraModelFamily family)
    {
        _markers = family.EndMarkers;
        _markerStarts = family.EndMarkerStarts;
    }

    public string Push(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (_held.Length == 0 && _carry.Length == 0 && text!.IndexOfAny(_markerStarts) < 0)
        {
            return text;
        }

        string scan = string.Concat(_carry, _held, text);
        int released = _carry.Length;
        int holdFrom = scan.Length;
        for (int i = scan.IndexOfAny(_markerStarts, released); i >= 0; i = scan.IndexOfAny(_markerStarts, i + 1))
        {
            bool strikeOpen = EndOfSequenceMarkers.StrikeDepth(scan, 0, i, _strikeDepth, released) > 0;
            if (RunFrom(scan, i, strikeOpen, out _))
            {
                holdFrom = i;
                break;
            }
        }

        _strikeDepth = EndOfSequenceMarkers.StrikeDepth(scan, 0, holdFrom, _strikeDepth, released);
        int lastOpen = holdFrom == 0 ? -1 : scan.LastIndexOf('<', holdFrom - 1);
        _carry = lastOpen >= 0 && holdFrom - lastOpen <= 3 ? scan.Substring(lastOpen, holdFrom - lastOpen) : string.Empty;
        _held = scan.Substring(holdFrom);
        return scan.Substring(released, holdFrom - released);
    }

    /// <summary>At the end of the text: drops held markers, or releases a held tail that never became one.</summary>
    public string Flush()
    {
        string held = _held;
        _held = string.Empty;
        return held.Length == 0 || (RunFrom(held, 0, _strikeDepth > 0, out bool complete) && complete) ? string.Empty : held;
    }

    /// <summary>
    /// Whether <paramref name="text"/> from <paramref name="start"/> is markers and white space only, the last marker possibly
    /// unfinished (then <paramref name="complete"/> is false).
    /// </summary>
    private bool RunFrom(string text, int start, bool strikeOpen, out bool complete)
    {
        complete = true;
        int position = start;
        while (position < text.Length)
        {
            int length = EndOfSequenceMarkers.MarkerAt(text, position, _markers, strikeOpen);
            if (length < 0)
            {
                complete = false;
                return true;
            }

            if (length == 0)
            {
                return false;
            }

            position += length;
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        return true;
    }
}
