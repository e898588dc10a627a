using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkDeepInfra.Testing.Validation;

/// <summary>
/// Checks each message on its own: an object with a known role, content where the role needs it, a
/// <c>tool_call_id</c> on tool messages and well-formed <c>tool_calls</c> (with ids) on assistant messages.
/// </summary>
internal static class MessageShapeRules
{
    private const string RoleMessage = "Input should be 'system', 'user', 'assistant' or 'tool'";

    /// <summary>Checks message <paramref name="index"/>; returns false when it has a problem.</summary>
    public static bool Check(JsonElement message, int index, IssueList issues)
    {
        int before = issues.Count;
        if (message.ValueKind != JsonValueKind.Object)
        {
            issues.Add("dict_type", "Input should be a valid dictionary", message, null, "messages", index);
            return false;
        }

        if (!message.TryGetProperty("role", out JsonElement roleElement))
        {
            issues.Missing("messages", index, "role");
            return false;
        }

        string? role = roleElement.ValueKind == JsonValueKind.String ? roleElement.GetString() : null;
        if (role is not ("system" or "user" or "assistant" or "tool"))
        {
            var context = new JsonObject { ["expected"] = "'system', 'user', 'assistant' or 'tool'" };
            issues.Add("literal_error", RoleMessage, roleElement, context, "messages", index, "role");
            return false;
        }

        CheckContent(message, index, contentRequired: role != "assistant", issues);
        if (role == "tool")
        {
            CheckString(message, "tool_call_id", index, issues);
        }
        else if (role == "assistant")
        {
            CheckToolCalls(message, index, issues);
        }

        return issues.Count == before;
    }

    private static void CheckContent(JsonElement message, int index, bool contentRequired, IssueList issues)
    {
        if (!message.TryGetProperty("content", out JsonElement content) || content.ValueKind == JsonValueKind.Null)
        {
            if (contentRequired)
            {
                issues.Missing("messages", index, "content");
            }

            return;
        }

        if (content.ValueKind is not JsonValueKind.String and not JsonValueKind.Array)
        {
            issues.Add("string_type", "Input should be a valid string", content, null, "messages", index, "content");
        }
    }

    private static void CheckToolCalls(JsonElement message, int index, IssueList issues)
    {
        if (!message.TryGetProperty("tool_calls", out JsonElement calls) || calls.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            issues.Add("list_type", "Input should be a valid list", calls, null, "messages", index, "tool_calls");
            return;
        }

        int position = 0;
        foreach (JsonElement call in calls.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object)
            {
                issues.Add("dict_type", "Input should be a valid dictionary", call, null, "messages", index, "tool_calls", position);
            }
            else
            {
                CheckString(call, "id", index, issues, "tool_calls", position);
                if (!call.TryGetProperty("function", out JsonElement function) || function.ValueKind != JsonValueKind.Object)
                {
                    issues.Missing("messages", index, "tool_calls", position, "function");
                }
                else
                {
                    CheckString(function, "name", index, issues, "tool_calls", position, "function");
                }
            }

            position++;
        }
    }

    private static void CheckString(JsonElement owner, string name, int index, IssueList issues, params object[] prefix)
    {
        object[] path = [.. (object[])["messages", index], .. prefix, name];
        if (!owner.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            issues.Missing(path);
        }
        else if (value.ValueKind != JsonValueKind.String)
        {
            issues.Add("string_type", "Input should be a valid string", value, null, path);
        }
    }
}
