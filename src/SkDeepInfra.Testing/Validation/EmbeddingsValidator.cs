using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Validation;

/// <summary>
/// Checks an embeddings body (a JSON object) like the service's FastAPI front end: <c>model</c> a non-empty string;
/// <c>input</c> a string or a list of 1 to 1024 strings; <c>encoding_format</c> <c>float</c> or <c>base64</c>;
/// <c>dimensions</c> an integer of at least 32. Null is accepted for the optional fields; other keys are ignored.
/// </summary>
internal static class EmbeddingsValidator
{
    public const int MaxInputs = 1024;

    private static readonly RangeRule Dimensions = new("dimensions", 32, false, double.PositiveInfinity, false, true);

    public static IReadOnlyList<WireValidationIssue> Validate(EmulatorRequest request)
    {
        JsonElement body = request.Json;
        var issues = new IssueList();
        CheckModel(body, issues);
        CheckInput(body, issues);
        CheckEncodingFormat(body, issues);
        Dimensions.Check(body, issues);
        return issues.Items;
    }

    private static void CheckModel(JsonElement body, IssueList issues)
    {
        RequestValidator.CheckModel(body, issues);
        if (body.TryGetProperty("model", out JsonElement model) && model.ValueKind == JsonValueKind.String && model.GetString()!.Length == 0)
        {
            issues.Add("string_too_short", "String should have at least 1 character", model, new JsonObject { ["min_length"] = 1 }, "model");
        }
    }

    private static void CheckInput(JsonElement body, IssueList issues)
    {
        if (!body.TryGetProperty("input", out JsonElement input))
        {
            issues.Missing("input");
            return;
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return;
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            issues.Add("string_type", "Input should be a valid string or a list of strings", input, null, "input");
            return;
        }

        int count = input.GetArrayLength();
        if (count is 0 or > MaxInputs)
        {
            ReportLength(input, count, issues);
            return;
        }

        int index = 0;
        foreach (JsonElement item in input.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                issues.Add("string_type", "Input should be a valid string", item, null, "input", index);
            }

            index++;
        }
    }

    private static void ReportLength(JsonElement input, int count, IssueList issues)
    {
        var context = new JsonObject { ["field_type"] = "List" };
        if (count == 0)
        {
            context["min_length"] = 1;
            context["actual_length"] = 0;
            issues.Add("too_short", "List should have at least 1 item after validation, not 0", input, context, "input");
            return;
        }

        context["max_length"] = MaxInputs;
        context["actual_length"] = count;
        issues.Add("too_long", $"List should have at most {MaxInputs} items after validation, not {count}", input, context, "input");
    }

    private static void CheckEncodingFormat(JsonElement body, IssueList issues)
    {
        if (!body.TryGetProperty("encoding_format", out JsonElement format) || format.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (format.ValueKind != JsonValueKind.String || format.GetString() is not ("float" or "base64"))
        {
            var context = new JsonObject { ["expected"] = "'float' or 'base64'" };
            issues.Add("literal_error", "Input should be 'float' or 'base64'", format, context, "encoding_format");
        }
    }
}
