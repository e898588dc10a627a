using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SkDeepInfra.Testing.Replies;

namespace SkDeepInfra.Testing.Validation;

/// <summary>
/// Checks the order of well-formed messages: <c>(user, assistant, tool*)*</c> ending with a user message, or with the
/// tool results of the last assistant message; at most one system message, anywhere. Every tool message answers a
/// tool call of the assistant message before it, once, and every such tool call is answered before the conversation
/// goes on. Reports the first violation only.
/// </summary>
internal static class ConversationOrder
{
    private const string Alternate = "roles must alternate as (user, assistant, tool)*, user";

    private enum Turn
    {
        Start,
        User,
        Assistant,
        ToolCalls,
    }

    public static void Check(IReadOnlyList<JsonElement> messages, IssueList issues)
    {
        var state = Turn.Start;
        bool seenSystem = false;
        var calls = new HashSet<string>();
        var pending = new List<string>();
        int assistantIndex = -1;
        for (int index = 0; index < messages.Count; index++)
        {
            JsonElement message = messages[index];
            string role = MessageText.RoleOf(message)!;
            string? problem = role switch
            {
                "system" => seenSystem ? "only one system message is allowed" : null,
                "tool" => state == Turn.ToolCalls ? null : "a tool message must follow an assistant message with tool_calls",
                _ when pending.Count > 0 => null,
                "user" => state == Turn.User ? Alternate : null,
                _ => state is Turn.Start ? "the conversation must start with a user message" : state is Turn.Assistant ? Alternate : null,
            };
            if (problem is not null)
            {
                issues.ValueError(problem, null, "messages", index);
                return;
            }

            if (role == "system")
            {
                seenSystem = true;
            }
            else if (role == "tool")
            {
                if (!Answer(message, index, calls, pending, issues))
                {
                    return;
                }
            }
            else if (pending.Count > 0)
            {
                issues.ValueError($"tool call '{pending[0]}' has no tool message", null, "messages", assistantIndex);
                return;
            }
            else if (role == "user")
            {
                state = Turn.User;
            }
            else
            {
                calls = [.. ToolCallIds(message)];
                pending = [.. ToolCallIds(message)];
                assistantIndex = index;
                state = calls.Count > 0 ? Turn.ToolCalls : Turn.Assistant;
            }
        }

        CheckEnd(messages.Count, state, pending, assistantIndex, issues);
    }

    private static void CheckEnd(int count, Turn state, List<string> pending, int assistantIndex, IssueList issues)
    {
        if (state == Turn.Start)
        {
            issues.ValueError("the conversation must contain a user message", null, "messages");
        }
        else if (pending.Count > 0)
        {
            issues.ValueError($"tool call '{pending[0]}' has no tool message", null, "messages", assistantIndex);
        }
        else if (state == Turn.Assistant)
        {
            issues.ValueError("the last message must be a user or tool message", null, "messages", count - 1);
        }
    }

    private static bool Answer(JsonElement message, int index, HashSet<string> calls, List<string> pending, IssueList issues)
    {
        JsonElement idElement = message.GetProperty("tool_call_id");
        string id = idElement.GetString()!;
        if (!calls.Contains(id))
        {
            issues.ValueError($"tool_call_id '{id}' does not match a tool call of the preceding assistant message", idElement, "messages", index, "tool_call_id");
            return false;
        }

        if (!pending.Remove(id))
        {
            issues.ValueError($"tool_call_id '{id}' was already answered", idElement, "messages", index, "tool_call_id");
            return false;
        }

        return true;
    }

    private static IEnumerable<string> ToolCallIds(JsonElement assistant) =>
        assistant.TryGetProperty("tool_calls", out JsonElement calls) && calls.ValueKind == JsonValueKind.Array
            ? calls.EnumerateArray().Select(call => call.GetProperty("id").GetString()!)
            : [];
}
