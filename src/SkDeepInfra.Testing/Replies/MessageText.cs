using System.Collections.Generic;
using System.Text.Json;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Reads role and text out of request messages, whatever their content shape.</summary>
internal static class MessageText
{
    public static string? RoleOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("role", out JsonElement role)
        && role.ValueKind == JsonValueKind.String
            ? role.GetString()
            : null;

    /// <summary>String content as is; text parts joined with a line feed; anything else empty.</summary>
    public static string ContentOf(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out JsonElement content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? string.Empty;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var texts = new List<string>();
        foreach (JsonElement part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("text", out JsonElement text)
                && text.ValueKind == JsonValueKind.String)
            {
                texts.Add(text.GetString() ?? string.Empty);
            }
        }

        return string.Join('\n', texts);
    }
}
