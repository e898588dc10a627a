using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorMessageOrderTests
{
    private const string U = """{"role":"user","content":"hi"}""";
    private const string A = """{"role":"assistant","content":"hello"}""";
    private const string S = """{"role":"system","content":"be brief"}""";
    private const string A1 = """{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}""";
    private const string A12 = """{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}},{"id":"c2","type":"function","function":{"name":"g","arguments":"{}"}}]}""";
    private const string A3 = """{"role":"assistant","tool_calls":[{"id":"c3","type":"function","function":{"name":"f","arguments":"{}"}}]}""";
    private const string T1 = """{"role":"tool","tool_call_id":"c1","content":"r1"}""";
    private const string T2 = """{"role":"tool","tool_call_id":"c2","content":"r2"}""";
    private const string T3 = """{"role":"tool","tool_call_id":"c3","content":"r3"}""";

    [Theory]
    [InlineData(U)]
    [InlineData(S + "," + U)]
    [InlineData(U + "," + A + "," + U)]
    [InlineData(U + "," + A + "," + S + "," + U)]
    [InlineData(U + "," + S)]
    [InlineData(U + "," + A1 + "," + T1)]
    [InlineData(U + "," + A12 + "," + T2 + "," + T1)]
    [InlineData(U + "," + A12 + "," + T1 + "," + T2 + "," + A + "," + U)]
    [InlineData(U + "," + A1 + "," + T1 + "," + A3 + "," + T3)]
    [InlineData(U + "," + A1 + "," + T1 + "," + U)]
    [InlineData("""{"role":"user","content":[{"type":"text","text":"hi"}]}""")]
    public async Task ChatCompletions_ValidConversation_IsAccepted(string messages)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(Request(messages));

        Assert.True(status == 200, body.GetRawText());
    }

    [Theory]
    [InlineData(S + "," + U + "," + S, "2", "only one system message is allowed")]
    [InlineData(A + "," + U, "0", "the conversation must start with a user message")]
    [InlineData(U + "," + U, "1", "roles must alternate as (user, assistant, tool)*, user")]
    [InlineData(U + "," + A + "," + A + "," + U, "2", "roles must alternate as (user, assistant, tool)*, user")]
    [InlineData(U + "," + A, "1", "the last message must be a user or tool message")]
    [InlineData(U + "," + T1, "1", "a tool message must follow an assistant message with tool_calls")]
    [InlineData(U + "," + A + "," + T1, "2", "a tool message must follow an assistant message with tool_calls")]
    [InlineData(U + "," + A1 + "," + T1 + "," + U + "," + T1, "4", "a tool message must follow an assistant message with tool_calls")]
    [InlineData(U + "," + A1 + "," + U, "1", "tool call 'c1' has no tool message")]
    [InlineData(U + "," + A12 + "," + T1, "1", "tool call 'c2' has no tool message")]
    [InlineData(U + "," + A12 + "," + T2 + "," + A + "," + U, "1", "tool call 'c1' has no tool message")]
    [InlineData(S, null, "the conversation must contain a user message")]
    public async Task ChatCompletions_BadOrder_Returns422ValueError(string messages, string? index, string message)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(Request(messages));

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal("value_error", issue.GetProperty("type").GetString());
        Assert.Equal("Value error, " + message, issue.GetProperty("msg").GetString());
        string[] expected = index is null ? ["body", "messages"] : ["body", "messages", index];
        Assert.Equal(expected, DeepInfraEmulatorRangeTests.Loc(issue));
    }

    [Theory]
    [InlineData(U + "," + A1 + "," + T3, "tool_call_id 'c3' does not match a tool call of the preceding assistant message")]
    [InlineData(U + "," + A12 + "," + T1 + "," + T1, "tool_call_id 'c1' was already answered")]
    [InlineData(U + "," + A1 + "," + T1 + "," + A3 + "," + T1, "tool_call_id 'c1' does not match a tool call of the preceding assistant message")]
    public async Task ChatCompletions_UnpairedToolCallId_Returns422AtToolCallId(string messages, string message)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(Request(messages));

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal("Value error, " + message, issue.GetProperty("msg").GetString());
        string[] loc = DeepInfraEmulatorRangeTests.Loc(issue);
        Assert.Equal("tool_call_id", loc[^1]);
    }

    [Theory]
    [InlineData("""{"role":"robot","content":"x"}""", "body|messages|0|role", "literal_error")]
    [InlineData("""{"content":"x"}""", "body|messages|0|role", "missing")]
    [InlineData("""{"role":"user"}""", "body|messages|0|content", "missing")]
    [InlineData("""{"role":"user","content":5}""", "body|messages|0|content", "string_type")]
    [InlineData("""{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"r"}""", "body|messages|1|tool_calls|0|id", "missing")]
    [InlineData("""{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","content":"r"}""", "body|messages|2|tool_call_id", "missing")]
    [InlineData("\"hi\"", "body|messages|0", "dict_type")]
    public async Task ChatCompletions_MalformedMessage_Returns422AtField(string messages, string loc, string type)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(Request(messages));

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal(loc, string.Join("|", DeepInfraEmulatorRangeTests.Loc(issue)));
        Assert.Equal(type, issue.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("\"messages\":[]", "too_short")]
    [InlineData("\"messages\":{}", "list_type")]
    [InlineData("\"other\":1", "missing")]
    public async Task ChatCompletions_NoMessages_Returns422(string member, string type)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync($$"""{"model":"m",{{member}}}""");

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal(["body", "messages"], DeepInfraEmulatorRangeTests.Loc(issue));
        Assert.Equal(type, issue.GetProperty("type").GetString());
    }

    private static string Request(string messages) => $$"""{"model":"{{EmulatorHarness.Model}}","messages":[{{messages}}]}""";
}
