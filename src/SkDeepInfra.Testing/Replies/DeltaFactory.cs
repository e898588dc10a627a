using System.Text.Json.Nodes;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Builds the <c>delta</c> objects of streamed chunks, applying the role and null-tool-calls quirks.</summary>
internal static class DeltaFactory
{
    public static JsonObject RoleAnnouncement() => new() { ["role"] = "assistant", ["content"] = string.Empty };

    /// <summary>A text delta; <paramref name="field"/> is <c>content</c> or <c>reasoning_content</c>.</summary>
    public static JsonObject Text(EmulatorStreamQuirks quirks, string field, string piece)
    {
        JsonObject delta = WithRole(quirks);
        delta[field] = piece;
        if (quirks.NullToolCalls)
        {
            delta["tool_calls"] = null;
        }

        return delta;
    }

    /// <summary>The first fragment of a tool call: index, id (when known), type, name and empty arguments.</summary>
    public static JsonObject ToolCallStart(EmulatorStreamQuirks quirks, int index, EmulatorToolCall call)
    {
        var fragment = new JsonObject { ["index"] = index };
        if (call.Id is not null)
        {
            fragment["id"] = call.Id;
        }

        fragment["type"] = "function";
        fragment["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = string.Empty };
        return ToolCalls(quirks, fragment);
    }

    /// <summary>A later fragment of a tool call: its index and one piece of the arguments.</summary>
    public static JsonObject ToolCallArguments(EmulatorStreamQuirks quirks, int index, string piece)
    {
        var fragment = new JsonObject
        {
            ["index"] = index,
            ["function"] = new JsonObject { ["arguments"] = piece },
        };
        return ToolCalls(quirks, fragment);
    }

    private static JsonObject ToolCalls(EmulatorStreamQuirks quirks, JsonObject fragment)
    {
        JsonObject delta = WithRole(quirks);
        delta["tool_calls"] = new JsonArray(fragment);
        return delta;
    }

    private static JsonObject WithRole(EmulatorStreamQuirks quirks) =>
        quirks.RepeatRole ? new JsonObject { ["role"] = "assistant" } : [];
}
