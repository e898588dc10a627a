using System;
using System.Text.Json;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// Reads a model's structured answer: strips a Markdown code fence around it, parses it as one JSON value and checks it
/// against the response schema with the tool-argument validator. Problems are worded for the model.
/// </summary>
internal static class StructuredAnswer
{
    /// <returns>The answer without its fence, and <see langword="null"/> or what is wrong with it.</returns>
    public static (string Json, string? Problem) Check(string text, JsonElement schema)
    {
        string json = StripFence(text);
        if (json.Length == 0)
        {
            return (json, "the answer is empty");
        }

        JsonElement value;
        try
        {
            value = JsonElement.Parse(json);
        }
        catch (JsonException ex)
        {
            return (json, "the answer is not valid JSON (" + FirstSentence(ex.Message) + ")");
        }

        return (json, ToolArgumentValidator.ValidateValue(schema, value));
    }

    public static string Feedback(string problem) =>
        $"Your answer does not match the required JSON schema: {problem}. Reply again with only the corrected JSON value, without code fences or comments.";

    public static string SchemaInstructions(JsonElement schema) =>
        "Respond with only a JSON value (no code fences, no comments) that matches this JSON schema:\n" + schema.GetRawText();

    /// <summary>Removes surrounding white space and one <c>```</c> or <c>```json</c> fence around the whole text.</summary>
    public static string StripFence(string text)
    {
        string trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6)
        {
            return trimmed;
        }

        int firstLineEnd = trimmed.IndexOf('\n');
        if (firstLineEnd < 0)
        {
            return trimmed.Substring(3, trimmed.Length - 6).Trim();
        }

        string language = trimmed.Substring(3, firstLineEnd - 3).Trim();
        return language.Length > 0 && !language.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? trimmed
            : trimmed.Substring(firstLineEnd + 1, trimmed.Length - 3 - firstLineEnd - 1).Trim();
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message.Substring(0, end) : message.TrimEnd('.');
    }
}
