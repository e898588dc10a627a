using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorRangeTests
{
    [Theory]
    [InlineData("temperature", "-0.1", "greater_than_equal")]
    [InlineData("temperature", "2.01", "less_than_equal")]
    [InlineData("temperature", "\"hot\"", "float_type")]
    [InlineData("top_p", "0", "greater_than")]
    [InlineData("top_p", "1.5", "less_than_equal")]
    [InlineData("min_p", "-0.01", "greater_than_equal")]
    [InlineData("min_p", "1.01", "less_than_equal")]
    [InlineData("top_k", "-1", "greater_than_equal")]
    [InlineData("top_k", "1000", "less_than")]
    [InlineData("top_k", "2.5", "int_from_float")]
    [InlineData("max_tokens", "-1", "greater_than_equal")]
    [InlineData("max_tokens", "1000001", "less_than_equal")]
    [InlineData("max_tokens", "\"10\"", "int_type")]
    [InlineData("presence_penalty", "-2.1", "greater_than_equal")]
    [InlineData("presence_penalty", "2.1", "less_than_equal")]
    [InlineData("frequency_penalty", "-2.1", "greater_than_equal")]
    [InlineData("frequency_penalty", "2.1", "less_than_equal")]
    [InlineData("repetition_penalty", "0.009", "greater_than_equal")]
    [InlineData("repetition_penalty", "5.1", "less_than_equal")]
    public async Task ChatCompletions_OutOfRange_Returns422WithFastApiDetail(string field, string value, string type)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body(extra: $"\"{field}\":{value}"));

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal(["body", field], Loc(issue));
        Assert.Equal(type, issue.GetProperty("type").GetString());
        Assert.StartsWith("Input should be", issue.GetProperty("msg").GetString(), System.StringComparison.Ordinal);
        Assert.Equal(value, issue.GetProperty("input").GetRawText());
    }

    [Theory]
    [InlineData("temperature", "0")]
    [InlineData("temperature", "2")]
    [InlineData("top_p", "0.0001")]
    [InlineData("top_p", "1")]
    [InlineData("min_p", "0")]
    [InlineData("min_p", "1")]
    [InlineData("top_k", "0")]
    [InlineData("top_k", "999")]
    [InlineData("top_k", "5.0")]
    [InlineData("max_tokens", "0")]
    [InlineData("max_tokens", "1000000")]
    [InlineData("presence_penalty", "-2")]
    [InlineData("presence_penalty", "2")]
    [InlineData("frequency_penalty", "-2")]
    [InlineData("frequency_penalty", "2")]
    [InlineData("repetition_penalty", "0.01")]
    [InlineData("repetition_penalty", "5")]
    [InlineData("temperature", "null")]
    public async Task ChatCompletions_Boundary_IsAccepted(string field, string value)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, _) = await harness.PostForJsonAsync(EmulatorHarness.Body(extra: $"\"{field}\":{value}"));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task ChatCompletions_SeveralProblems_ReportsEachOne()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync("""{"messages":[{"role":"user","content":"x"}],"temperature":3,"top_p":0}""");

        Assert.Equal(422, status);
        JsonElement[] issues = [.. body.GetProperty("detail").EnumerateArray()];
        Assert.Equal(3, issues.Length);
        Assert.Equal(["body", "model"], Loc(issues[0]));
        Assert.Equal("missing", issues[0].GetProperty("type").GetString());
        Assert.Equal("Field required", issues[0].GetProperty("msg").GetString());
        Assert.Equal(["body", "temperature"], Loc(issues[1]));
        Assert.Equal(2, issues[1].GetProperty("ctx").GetProperty("le").GetDouble());
        Assert.Equal(["body", "top_p"], Loc(issues[2]));
        Assert.Equal(0, issues[2].GetProperty("ctx").GetProperty("gt").GetDouble());
    }

    [Fact]
    public async Task ChatCompletions_ValidationOff_AcceptsOutOfRange()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { ValidateRequests = false });

        (int status, _) = await harness.PostForJsonAsync(EmulatorHarness.Body(extra: "\"temperature\":9,\"tool_choice\":{\"type\":\"function\"}"));

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChatCompletions_MalformedJson_Returns422JsonInvalid(bool validate)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { ValidateRequests = validate });

        (int status, JsonElement body) = await harness.PostForJsonAsync("""{"model": "m", "messages": [}""");

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal("json_invalid", issue.GetProperty("type").GetString());
        Assert.Equal("JSON decode error", issue.GetProperty("msg").GetString());
        Assert.Equal("body", issue.GetProperty("loc")[0].GetString());
        Assert.Equal(28, issue.GetProperty("loc")[1].GetInt32());
        Assert.False(string.IsNullOrEmpty(issue.GetProperty("ctx").GetProperty("error").GetString()));
    }

    [Fact]
    public async Task ChatCompletions_ArrayBody_Returns422()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync("[1,2]");

        Assert.Equal(422, status);
        Assert.Equal("model_attributes_type", body.GetProperty("detail")[0].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("\"stream\":\"yes\"", "stream", "bool_type")]
    [InlineData("\"stream_options\":{\"include_usage\":1}", "stream_options", "bool_type")]
    [InlineData("\"model\":5", "model", "string_type")]
    public async Task ChatCompletions_WrongType_Returns422(string member, string field, string type)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        string json = member.StartsWith("\"model\"", System.StringComparison.Ordinal)
            ? """{"model":5,"messages":[{"role":"user","content":"x"}]}"""
            : EmulatorHarness.Body(extra: member);

        (int status, JsonElement body) = await harness.PostForJsonAsync(json);

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal(field, issue.GetProperty("loc")[1].GetString());
        Assert.Equal(type, issue.GetProperty("type").GetString());
    }

    internal static string[] Loc(JsonElement issue)
    {
        JsonElement loc = issue.GetProperty("loc");
        var parts = new string[loc.GetArrayLength()];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = loc[i].ValueKind == JsonValueKind.Number ? loc[i].GetRawText() : loc[i].GetString()!;
        }

        return parts;
    }
}
