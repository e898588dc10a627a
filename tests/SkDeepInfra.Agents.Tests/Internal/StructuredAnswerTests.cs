namespace SkDeepInfra.Agents.Internal;

/// <summary>Reading a structured answer: fences stripped, JSON parsed, the schema checked, problems worded for the model.</summary>
public sealed class StructuredAnswerTests
{
    private static readonly JsonElement s_schema = JsonElement.Parse(
        """{"type":"object","properties":{"city":{"type":"string"},"tags":{"type":"array","items":{"enum":["a","b"]}}},"required":["city"],"additionalProperties":false}""");

    [Theory]
    [InlineData("```json\n{\"a\":1}\n```", "{\"a\":1}")]
    [InlineData("  ```\n{\"a\":1}\n```  ", "{\"a\":1}")]
    [InlineData("```{\"a\":1}```", "{\"a\":1}")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("```python\nprint(1)\n```", "```python\nprint(1)\n```")]
    public void StripFence_FencedOrBareText_LeavesTheJson(string text, string expected) =>
        Assert.Equal(expected, StructuredAnswer.StripFence(text));

    [Theory]
    [InlineData("""{"city":"Oslo","tags":["a"]}""", null)]
    [InlineData("""{"tags":["a"]}""", "missing required property \"city\"")]
    [InlineData("""{"city":"Oslo","tags":["c"]}""", "property \"tags[0]\" must be one of \"a\", \"b\"")]
    [InlineData("""{"city":"Oslo","zip":1}""", "unexpected property \"zip\"")]
    [InlineData("""["Oslo"]""", "property \"(the answer)\" must be an object, not an array")]
    [InlineData("", "the answer is empty")]
    public void Check_Answers_ReportWhatBreaksTheSchema(string text, string? expected) =>
        Assert.Equal(expected, StructuredAnswer.Check(text, s_schema).Problem);

    [Fact]
    public void Check_TrailingText_IsNotValidJson() =>
        Assert.StartsWith("the answer is not valid JSON (", StructuredAnswer.Check("""{"city":"Oslo"} Hope this helps!""", s_schema).Problem, StringComparison.Ordinal);
}
