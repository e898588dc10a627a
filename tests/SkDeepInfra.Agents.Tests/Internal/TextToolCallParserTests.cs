namespace SkDeepInfra.Agents.Internal;

/// <summary>What counts as a tool call written as text, and what stays prose.</summary>
public sealed class TextToolCallParserTests
{
    private static readonly HashSet<string> s_offered = ["get_weather", "get_forecast"];
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Positive cases: the text, then the expected calls as "name(arguments JSON)", joined by " | ".</summary>
    public static TheoryData<string, string> ToolCalls => new()
    {
        { """<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}}""", """get_weather({"city":"Paris"})""" },
        { """<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}}<|eom_id|>""", """get_weather({"city":"Paris"})""" },
        { """  <|python_tag|> {"name":"get_weather","parameters":{"city":"Paris"}} <|eot_id|> """, """get_weather({"city":"Paris"})""" },
        { """{"name": "get_weather", "parameters": {"city": "Paris"}}""", """get_weather({"city":"Paris"})""" },
        { """{"name": "get_weather", "arguments": {"city": "Paris"}}""", """get_weather({"city":"Paris"})""" },
        { """{"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}""", """get_weather({"city":"Paris"})""" },
        { """{"type": "function", "name": "get_forecast", "parameters": {"city": "Rome", "days": 3}}""", """get_forecast({"city":"Rome","days":3})""" },
        { """{"type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Oslo\"}"}}""", """get_weather({"city":"Oslo"})""" },
        { """{"name": "get_weather"}""", "get_weather({})" },
        { """{"name": "get_weather", "parameters": null}""", "get_weather({})" },
        { """{"name": "get_weather", "parameters": {"city": "a;b"}}; {"name": "get_forecast", "parameters": {"city": "Rome", "days": 1}}""", """get_weather({"city":"a;b"}) | get_forecast({"city":"Rome","days":1})""" },
        { """<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}};<|python_tag|>{"name": "get_weather", "parameters": {"city": "Rome"}};""", """get_weather({"city":"Paris"}) | get_weather({"city":"Rome"})""" },
        { "{\n  \"name\": \"get_weather\",\n  \"parameters\": {\"city\": \"Zürich\"}\n}", """get_weather({"city":"Zürich"})""" },
        { """[{"name": "get_weather", "parameters": {"city": "Paris"}}]""", """get_weather({"city":"Paris"})""" },
        { "```json\n{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}\n```", """get_weather({"city":"Paris"})""" },
    };

    /// <summary>Negative cases: text that must stay text.</summary>
    public static TheoryData<string> Prose => new()
    {
        "The weather in Paris is sunny.",
        """Calling {"name": "get_weather", "parameters": {"city": "Paris"}} now.""",
        """{"name": "get_weather", "parameters": {"city": "Paris"}} Done.""",
        """{"name": "delete_everything", "parameters": {}}""",
        """{"name": "get_weather", "parameters": {"city": "Paris"}}; {"name": "unknown", "parameters": {}}""",
        """{"name": "get_weather", "parameters": {"city": "Paris"}, "confidence": 0.9}""",
        """{"name": "get_weather", "parameters": {"city": "Paris"}, "arguments": {"city": "Rome"}}""",
        """{"type": "tool", "name": "get_weather", "parameters": {"city": "Paris"}}""",
        """{"name": "get_weather", "parameters": ["Paris"]}""",
        """{"name": "get_weather", "arguments": "not json"}""",
        """{"name": 42, "parameters": {}}""",
        """{"city": "Paris", "temperature": 18}""",
        """{"name": "get_weather", "parameters": {"city": "Paris"}""",
        """{"name": "get_weather", "parameters": {"city": "Paris"}} {"name": "get_weather", "parameters": {"city": "Rome"}}""",
        """<|python_tag|>brave_search.call(query="weather Paris")""",
        "",
        "   ",
    };

    [Theory]
    [MemberData(nameof(ToolCalls))]
    public void TryParse_ToolCallText_ReturnsTheCalls(string text, string expected)
    {
        IReadOnlyList<FunctionCallContent>? calls = TextToolCallParser.TryParse(text, s_offered);

        Assert.NotNull(calls);
        Assert.Equal(expected, string.Join(" | ", calls.Select(c => $"{c.Name}({JsonSerializer.Serialize(c.Arguments, s_readable)})")));
        Assert.All(calls, c => Assert.Equal(true, c.AdditionalProperties![AgentRunPropertyNames.RecoveredFromText]));
        Assert.Equal(calls.Count, calls.Select(c => c.CallId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Prose))]
    public void TryParse_ProseOrForeignJson_ReturnsNull(string text) =>
        Assert.Null(TextToolCallParser.TryParse(text, s_offered));

    [Fact]
    public void TryParse_NothingOffered_ReturnsNull() =>
        Assert.Null(TextToolCallParser.TryParse("""{"name": "get_weather", "parameters": {}}""", new HashSet<string>()));

    [Theory]
    [InlineData("", true)]
    [InlineData("{", true)]
    [InlineData("<|py", true)]
    [InlineData("<|python_tag|>{", true)]
    [InlineData("<b>", false)]
    [InlineData("The", false)]
    [InlineData("[", true)]
    [InlineData("[get_weather(", true)]
    [InlineData("[1] See the docs", false)]
    [InlineData("[link](https://x)", false)]
    [InlineData("<tool_", true)]
    [InlineData("<function=get", true)]
    [InlineData("[TOOL_C", true)]
    [InlineData("<｜tool▁calls", true)]
    [InlineData("```", true)]
    [InlineData("```python\nprint()", false)]
    public void CouldStartToolCall_Prefix_IsDecidedEarly(string start, bool expected) =>
        Assert.Equal(expected, TextToolCallParser.CouldStartToolCall(start));
}
