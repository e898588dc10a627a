namespace SkDeepInfra.Agents;

/// <summary>The default estimate is an upper bound: every UTF-8 byte a token, plus template overheads.</summary>
public sealed class ConservativeTokenEstimatorTests
{
    [Fact]
    public void EstimateInputTokens_TextMessages_CountsEveryUtf8ByteAndAPerMessageOverhead()
    {
        ChatMessage[] messages = [new(ChatRole.User, "héllo"), new(ChatRole.Assistant, "日本")];

        long tokens = ConservativeTokenEstimator.Instance.EstimateInputTokens(messages, options: null);

        Assert.Equal(6 + 6 + (2 * 16), tokens);
    }

    [Fact]
    public void EstimateInputTokens_WithOptions_AddsInstructionsToolsAndTheRequestOverhead()
    {
        ChatMessage[] messages = [new(ChatRole.User, "hi")];
        AIFunction tool = AIFunctionFactory.Create((string city) => city, "get_weather", "Gets the weather.");

        long bare = ConservativeTokenEstimator.Instance.EstimateInputTokens(messages, options: null);
        long full = ConservativeTokenEstimator.Instance.EstimateInputTokens(messages, new ChatOptions { Instructions = "Be brief.", Tools = [tool] });

        long schema = System.Text.Encoding.UTF8.GetByteCount(tool.JsonSchema.GetRawText());
        Assert.Equal(bare + 64 + (16 + 9) + 512 + 32 + "get_weather".Length + "Gets the weather.".Length + (2 * schema), full);
    }

    [Fact]
    public void EstimateInputTokens_ToolCallsResultsAndImages_CountTheirJsonAndAFixedImageCost()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "f", new Dictionary<string, object?> { ["a"] = 1 })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "done")]),
            new(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "image/png")]),
        ];

        long tokens = ConservativeTokenEstimator.Instance.EstimateInputTokens(messages, options: null);

        Assert.Equal((3 * 16) + (16 + 2 + 1 + """{"a":1}""".Length) + (16 + 2 + 4) + ConservativeTokenEstimator.NonTextContentTokens, tokens);
    }
}
