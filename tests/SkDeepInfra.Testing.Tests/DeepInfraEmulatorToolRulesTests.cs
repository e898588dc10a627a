using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorToolRulesTests
{
    private const string Tool = """{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{}}}}""";

    [Theory]
    [InlineData("\"none\"")]
    [InlineData("\"auto\"")]
    [InlineData("\"required\"")]
    [InlineData("null")]
    public async Task ChatCompletions_SupportedToolChoice_IsAccepted(string choice)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, _) = await harness.PostForJsonAsync(EmulatorHarness.Body(extra: $"\"tools\":[{Tool}],\"tool_choice\":{choice}"));

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("\"any\"", "literal_error")]
    [InlineData("\"get_weather\"", "literal_error")]
    [InlineData("1", "literal_error")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", "value_error")]
    public async Task ChatCompletions_UnsupportedToolChoice_Returns422(string choice, string type)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body(extra: $"\"tools\":[{Tool}],\"tool_choice\":{choice}"));

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal(["body", "tool_choice"], DeepInfraEmulatorRangeTests.Loc(issue));
        Assert.Equal(type, issue.GetProperty("type").GetString());
        Assert.Contains("'none', 'auto' or 'required'", issue.GetProperty("msg").GetString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"retrieval","function":{"name":"f"}}""", "body|tools|0|type", "literal_error")]
    [InlineData("""{"function":{"name":"f"}}""", "body|tools|0|type", "missing")]
    [InlineData("""{"type":"function"}""", "body|tools|0|function", "missing")]
    [InlineData("""{"type":"function","function":{"description":"no name"}}""", "body|tools|0|function|name", "missing")]
    [InlineData("""{"type":"function","function":{"name":"f","parameters":"x"}}""", "body|tools|0|function|parameters", "dict_type")]
    [InlineData("\"f\"", "body|tools|0", "dict_type")]
    public async Task ChatCompletions_MalformedTool_Returns422AtField(string tool, string loc, string type)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body(extra: $"\"tools\":[{tool}]"));

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal(loc, string.Join("|", DeepInfraEmulatorRangeTests.Loc(issue)));
        Assert.Equal(type, issue.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChatCompletions_ToolsNotAList_Returns422()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body(extra: $"\"tools\":{Tool}"));

        Assert.Equal(422, status);
        Assert.Equal("list_type", body.GetProperty("detail")[0].GetProperty("type").GetString());
    }
}
