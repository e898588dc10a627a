using System.Text.Json.Nodes;

namespace SkDeepInfra.Testing.Wire;

/// <summary>One FastAPI (pydantic v2) validation error entry.</summary>
internal sealed class WireValidationIssue
{
    public required string Type { get; init; }

    public required JsonArray Loc { get; init; }

    public required string Msg { get; init; }

    public JsonNode? Input { get; init; }

    public JsonObject? Ctx { get; init; }
}
