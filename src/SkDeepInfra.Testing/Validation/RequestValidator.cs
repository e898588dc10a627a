using System.Collections.Generic;
using System.Text.Json;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Validation;

/// <summary>
/// Checks a chat completions body (a JSON object) the way the service's FastAPI front end does and lists every
/// problem found: <c>model</c> and <c>messages</c> present, each message well formed, their order, the numeric ranges,
/// <c>stream</c>/<c>stream_options</c> types, <c>tools</c> and <c>tool_choice</c>.
/// </summary>
internal static class RequestValidator
{
    public static IReadOnlyList<WireValidationIssue> Validate(EmulatorRequest request)
    {
        JsonElement body = request.Json;
        var issues = new IssueList();
        CheckModel(body, issues);
        CheckMessages(body, request.Messages, issues);
        foreach (RangeRule rule in RangeRule.All)
        {
            rule.Check(body, issues);
        }

        CheckStreamFlags(body, issues);
        ToolRules.Check(body, issues);
        return issues.Items;
    }

    /// <summary><c>model</c> is present and a string; shared by every endpoint that takes a model.</summary>
    public static void CheckModel(JsonElement body, IssueList issues)
    {
        if (!body.TryGetProperty("model", out JsonElement model))
        {
            issues.Missing("model");
        }
        else if (model.ValueKind != JsonValueKind.String)
        {
            issues.Add("string_type", "Input should be a valid string", model, null, "model");
        }
    }

    private static void CheckMessages(JsonElement body, IReadOnlyList<JsonElement> messages, IssueList issues)
    {
        if (!body.TryGetProperty("messages", out JsonElement array))
        {
            issues.Missing("messages");
            return;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            issues.Add("list_type", "Input should be a valid list", array, null, "messages");
            return;
        }

        if (messages.Count == 0)
        {
            issues.Add("too_short", "List should have at least 1 item after validation, not 0", array, null, "messages");
            return;
        }

        bool wellFormed = true;
        for (int index = 0; index < messages.Count; index++)
        {
            wellFormed &= MessageShapeRules.Check(messages[index], index, issues);
        }

        if (wellFormed)
        {
            ConversationOrder.Check(messages, issues);
        }
    }

    private static void CheckStreamFlags(JsonElement body, IssueList issues)
    {
        if (body.TryGetProperty("stream", out JsonElement stream)
            && stream.ValueKind is not JsonValueKind.True and not JsonValueKind.False and not JsonValueKind.Null)
        {
            issues.Add("bool_type", "Input should be a valid boolean", stream, null, "stream");
        }

        if (!body.TryGetProperty("stream_options", out JsonElement options) || options.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            issues.Add("dict_type", "Input should be a valid dictionary", options, null, "stream_options");
        }
        else if (options.TryGetProperty("include_usage", out JsonElement include)
            && include.ValueKind is not JsonValueKind.True and not JsonValueKind.False and not JsonValueKind.Null)
        {
            issues.Add("bool_type", "Input should be a valid boolean", include, null, "stream_options", "include_usage");
        }
    }
}
