using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Internal.Wire;

/// <summary>Message content: written as a JSON string when <see cref="Parts"/> is null, else as an array of parts.</summary>
[JsonConverter(typeof(WireContentConverter))]
internal sealed class WireContent
{
    public WireContent(string text) => Text = text;

    public WireContent(List<WireContentPart> parts)
    {
        Text = string.Empty;
        Parts = parts;
    }

    public string Text { get; }
    public List<WireContentPart>? Parts { get; }
}
