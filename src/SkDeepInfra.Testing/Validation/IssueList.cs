using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Validation;

/// <summary>Collects FastAPI-style validation errors; every location starts with <c>"body"</c>.</summary>
internal sealed class IssueList
{
    private readonly List<WireValidationIssue> issues = [];

    public int Count => issues.Count;

    public IReadOnlyList<WireValidationIssue> Items => issues;

    /// <summary>Adds an error; <paramref name="path"/> holds field names (string) and array positions (int).</summary>
    public void Add(string type, string message, JsonElement? input, JsonObject? context, params object[] path)
    {
        var loc = new JsonArray("body");
        foreach (object segment in path)
        {
            JsonNode node = segment is int position ? JsonValue.Create(position) : JsonValue.Create((string)segment)!;
            loc.Add(node);
        }

        issues.Add(new WireValidationIssue
        {
            Type = type,
            Loc = loc,
            Msg = message,
            Input = input is { } value ? JsonNode.Parse(value.GetRawText()) : null,
            Ctx = context,
        });
    }

    public void Missing(params object[] path) => Add("missing", "Field required", null, null, path);

    /// <summary>Adds a pydantic <c>value_error</c>; the message gets pydantic's <c>"Value error, "</c> prefix.</summary>
    public void ValueError(string message, JsonElement? input, params object[] path) =>
        Add("value_error", "Value error, " + message, input, null, path);
}
