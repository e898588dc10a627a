using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkDeepInfra.Testing.Validation;

/// <summary>
/// Checks <c>tools</c> (each <c>{"type":"function","function":{"name":…}}</c>) and <c>tool_choice</c> (only
/// <c>none</c>, <c>auto</c> or <c>required</c>: the service does not support naming a function).
/// </summary>
internal static class ToolRules
{
    private const string ChoiceMessage = "Input should be 'none', 'auto' or 'required'";

    public static void Check(JsonElement body, IssueList issues)
    {
        CheckTools(body, issues);
        CheckToolChoice(body, issues);
    }

    private static void CheckTools(JsonElement body, IssueList issues)
    {
        if (!body.TryGetProperty("tools", out JsonElement tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            issues.Add("list_type", "Input should be a valid list", tools, null, "tools");
            return;
        }

        int index = 0;
        foreach (JsonElement tool in tools.EnumerateArray())
        {
            CheckTool(tool, index++, issues);
        }
    }

    private static void CheckTool(JsonElement tool, int index, IssueList issues)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            issues.Add("dict_type", "Input should be a valid dictionary", tool, null, "tools", index);
            return;
        }

        if (!tool.TryGetProperty("type", out JsonElement type))
        {
            issues.Missing("tools", index, "type");
        }
        else if (type.ValueKind != JsonValueKind.String || type.GetString() != "function")
        {
            issues.Add("literal_error", "Input should be 'function'", type, new JsonObject { ["expected"] = "'function'" }, "tools", index, "type");
        }

        if (!tool.TryGetProperty("function", out JsonElement function))
        {
            issues.Missing("tools", index, "function");
            return;
        }

        if (function.ValueKind != JsonValueKind.Object)
        {
            issues.Add("dict_type", "Input should be a valid dictionary", function, null, "tools", index, "function");
            return;
        }

        if (!function.TryGetProperty("name", out JsonElement name))
        {
            issues.Missing("tools", index, "function", "name");
        }
        else if (name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
        {
            issues.Add("string_type", "Input should be a non-empty string", name, null, "tools", index, "function", "name");
        }

        if (function.TryGetProperty("parameters", out JsonElement parameters)
            && parameters.ValueKind is not JsonValueKind.Object and not JsonValueKind.Null)
        {
            issues.Add("dict_type", "Input should be a valid dictionary", parameters, null, "tools", index, "function", "parameters");
        }
    }

    private static void CheckToolChoice(JsonElement body, IssueList issues)
    {
        if (!body.TryGetProperty("tool_choice", out JsonElement choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (choice.ValueKind == JsonValueKind.Object)
        {
            issues.ValueError("specifying a particular function choice is not supported; " + ChoiceMessage, choice, "tool_choice");
            return;
        }

        if (choice.ValueKind != JsonValueKind.String || choice.GetString() is not ("none" or "auto" or "required"))
        {
            var context = new JsonObject { ["expected"] = "'none', 'auto' or 'required'" };
            issues.Add("literal_error", ChoiceMessage, choice, context, "tool_choice");
        }
    }
}
