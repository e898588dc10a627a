namespace SkDeepInfra.Agents.Internal;

/// <summary>Schema checks on arguments, worded for the model; anything unknown is let through.</summary>
public sealed class ToolArgumentValidatorTests
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "city": { "type": "string" },
            "days": { "type": "integer" },
            "unit": { "type": "string", "enum": ["c", "f"] },
            "tags": { "type": "array", "items": { "type": "string" } },
            "window": { "type": "object", "properties": { "from": { "type": "integer" } }, "required": ["from"], "additionalProperties": false },
            "note": { "type": ["string", "null"] },
            "limit": { "anyOf": [ { "type": "integer" }, { "type": "null" } ] },
            "extra": { "description": "anything" }
          },
          "required": ["city", "days"]
        }
        """;

    public static TheoryData<string, string?> Cases => new()
    {
        { """{"city":"Paris","days":3}""", null },
        { """{"city":"Paris","days":3.0,"unit":"f","tags":["a"],"window":{"from":1},"note":null,"limit":null,"extra":[1,{}],"other":true}""", null },
        { """{"days":3}""", "missing required argument \"city\"" },
        { """{}""", "missing required argument \"city\"; missing required argument \"days\"" },
        { """{"city":"Paris","days":"3"}""", "argument \"days\" must be an integer, not the string \"3\"" },
        { """{"city":"Paris","days":2.5}""", "argument \"days\" must be an integer, not the number 2.5" },
        { """{"city":7,"days":3}""", "argument \"city\" must be a string, not the number 7" },
        { """{"city":"Paris","days":3,"unit":"k"}""", "argument \"unit\" must be one of \"c\", \"f\"" },
        { """{"city":"Paris","days":3,"tags":["a",2]}""", "argument \"tags[1]\" must be a string, not the number 2" },
        { """{"city":"Paris","days":3,"window":{}}""", "missing required argument \"window.from\"" },
        { """{"city":"Paris","days":3,"window":{"from":1,"to":2}}""", "unexpected argument \"window.to\"" },
        { """{"city":"Paris","days":3,"note":5}""", "argument \"note\" must be a string or null, not the number 5" },
        { """{"city":"Paris","days":3,"limit":"ten"}""", "argument \"limit\" matches none of the allowed forms" },
        { """{"city":null,"days":3}""", "argument \"city\" must be a string, not null" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_Arguments_ReportsTheProblemsOrNull(string arguments, string? expected)
    {
        using JsonDocument schema = JsonDocument.Parse(Schema);
        Dictionary<string, object?> parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments)!
            .ToDictionary(p => p.Key, p => (object?)p.Value);

        Assert.Equal(expected, ToolArgumentValidator.Validate(schema.RootElement, parsed, null));
    }

    [Fact]
    public void Validate_ClrValues_AreCheckedThroughTheSerializer()
    {
        using JsonDocument schema = JsonDocument.Parse(Schema);

        Assert.Null(ToolArgumentValidator.Validate(schema.RootElement, new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 3L }, null));
        Assert.Equal(
            "argument \"days\" must be an integer, not the boolean true",
            ToolArgumentValidator.Validate(schema.RootElement, new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = true }, null));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsTheFirstThree()
    {
        using JsonDocument schema = JsonDocument.Parse(Schema);
        var arguments = new Dictionary<string, object?>
        {
            ["unit"] = JsonDocument.Parse("\"k\"").RootElement,
            ["tags"] = JsonDocument.Parse("[1]").RootElement,
        };

        string problems = ToolArgumentValidator.Validate(schema.RootElement, arguments, null)!;

        Assert.Equal(3, problems.Split("; ").Length);
    }

    [Theory]
    [InlineData("""{"point":{ "y" : [2, 3.0], "x":1 }}""", null)]
    [InlineData("""{"point":{"x":0}}""", null)]
    [InlineData("""{"point":{"x":1}}""", "argument \"point\" must be one of {\"x\":1,\"y\":[2,3]}, {\"x\":0}")]
    [InlineData("""{"point":{"x":1,"y":[3,2]}}""", "argument \"point\" must be one of {\"x\":1,\"y\":[2,3]}, {\"x\":0}")]
    public void Validate_EnumOfObjects_ComparesStructurally(string arguments, string? expected)
    {
        using JsonDocument schema = JsonDocument.Parse("""{"type":"object","properties":{"point":{"enum":[{"x":1,"y":[2,3]},{"x":0}]}}}""");
        Dictionary<string, object?> parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments)!
            .ToDictionary(p => p.Key, p => (object?)p.Value);

        Assert.Equal(expected, ToolArgumentValidator.Validate(schema.RootElement, parsed, null));
    }

    [Fact]
    public void Validate_NoSchema_AcceptsAnything() =>
        Assert.Null(ToolArgumentValidator.Validate(default, new Dictionary<string, object?> { ["x"] = 1 }, null));
}
