using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkDeepInfra.Testing.Validation;

/// <summary>A numeric parameter's type and bounds, as the service documents them.</summary>
internal sealed record RangeRule(string Name, double Min, bool MinExclusive, double Max, bool MaxExclusive, bool IsInteger)
{
    /// <summary>The documented ranges of DeepInfra's chat completions parameters.</summary>
    public static readonly RangeRule[] All =
    [
        new("temperature", 0, false, 2, false, false),
        new("top_p", 0, true, 1, false, false),
        new("min_p", 0, false, 1, false, false),
        new("top_k", 0, false, 1000, true, true),
        new("max_tokens", 0, false, 1_000_000, false, true),
        new("presence_penalty", -2, false, 2, false, false),
        new("frequency_penalty", -2, false, 2, false, false),
        new("repetition_penalty", 0.01, false, 5, false, false),
    ];

    /// <summary>Checks one top-level field; absent and null values pass.</summary>
    public void Check(JsonElement body, IssueList issues)
    {
        if (!body.TryGetProperty(Name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            string message = IsInteger ? "Input should be a valid integer" : "Input should be a valid number";
            issues.Add(IsInteger ? "int_type" : "float_type", message, value, null, Name);
            return;
        }

        double number = value.GetDouble();
        if (IsInteger && number != Math.Floor(number))
        {
            issues.Add("int_from_float", "Input should be a valid integer, got a number with a fractional part", value, null, Name);
            return;
        }

        if (MinExclusive ? number <= Min : number < Min)
        {
            Report(issues, value, MinExclusive ? "greater_than" : "greater_than_equal", MinExclusive ? "gt" : "ge", "greater than", Min, MinExclusive);
        }
        else if (MaxExclusive ? number >= Max : number > Max)
        {
            Report(issues, value, MaxExclusive ? "less_than" : "less_than_equal", MaxExclusive ? "lt" : "le", "less than", Max, MaxExclusive);
        }
    }

    private void Report(IssueList issues, JsonElement value, string type, string key, string comparison, double limit, bool exclusive)
    {
        string bound = limit.ToString(CultureInfo.InvariantCulture);
        string message = exclusive ? $"Input should be {comparison} {bound}" : $"Input should be {comparison} or equal to {bound}";
        issues.Add(type, message, value, new JsonObject { [key] = limit }, Name);
    }
}
