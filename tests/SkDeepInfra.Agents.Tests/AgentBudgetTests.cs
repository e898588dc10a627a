namespace SkDeepInfra.Agents;

/// <summary>Budgets are immutable, validated and describe themselves.</summary>
public sealed class AgentBudgetTests
{
    [Fact]
    public void Init_NegativeOrNonFiniteLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MaxModelCalls = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MaxTotalTokens = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MaxEstimatedCostUsd = -0.01 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MaxEstimatedCostUsd = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MaxToolCalls = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MaxInputTokens = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MaxOutputTokens = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MaxDuration = TimeSpan.Zero });
        ArgumentOutOfRangeException minimum = Assert.Throws<ArgumentOutOfRangeException>(() => new AgentBudget { MinimumAnswerTokens = 0 });
        Assert.Equal("MinimumAnswerTokens", minimum.ParamName);
    }

    [Fact]
    public void ToString_EveryLimit_DescribesThemAll() =>
        Assert.Equal(
            "2 model calls, 3 tool calls, 900 tokens, 500 input tokens, 400 output tokens, $0.01, 1.5 s",
            new AgentBudget
            {
                MaxModelCalls = 2, MaxToolCalls = 3, MaxTotalTokens = 900, MaxInputTokens = 500, MaxOutputTokens = 400,
                MaxEstimatedCostUsd = 0.01, MaxDuration = TimeSpan.FromMilliseconds(1500),
            }.ToString());

    [Theory]
    [InlineData(null, null, null, "unlimited")]
    [InlineData(1, null, null, "1 model call")]
    [InlineData(5, 20000L, 0.01, "5 model calls, 20000 tokens, $0.01")]
    [InlineData(null, null, 0.0000025, "$0.0000025")]
    public void ToString_Limits_DescribesThem(int? calls, long? tokens, double? cost, string expected) =>
        Assert.Equal(expected, new AgentBudget { MaxModelCalls = calls, MaxTotalTokens = tokens, MaxEstimatedCostUsd = cost }.ToString());
}
