namespace SkDeepInfra.Internal.Wire;

/// <summary>One OpenAI content part: <c>{"type":"text","text":…}</c> or <c>{"type":"image_url","image_url":{"url":…}}</c>.</summary>
internal sealed class WireContentPart
{
    public string Type { get; set; } = "text";
    public string? Text { get; set; }

    /// <summary>An http(s) URL or a <c>data:</c> URI.</summary>
    public string? ImageUrl { get; set; }
}
