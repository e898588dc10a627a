using System;
using System.Text.Json;

namespace SkDeepInfra.Internal;

/// <summary>
/// The <c>RawRepresentation</c> of what comes back: a <see cref="JsonElement"/> of the reply or stream chunk exactly as
/// DeepInfra sent it, which owns a copy of the bytes (so it outlives the pooled buffer it was read from).
/// </summary>
internal static class RawJson
{
    /// <summary>A detached element over a copy of <paramref name="utf8"/>, which has already been read as valid JSON.</summary>
    public static JsonElement Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        return JsonElement.ParseValue(ref reader);
    }
}
