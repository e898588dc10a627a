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
    }

    [Theory]
    [InlineData(null, null, null, "unlimited")]
    [InlineData(1, null, null, "1 model call")]
    [InlineData(5, 20000L, 0.01, "5 model calls, 20000 tokens, $0.01")]
    [InlineData(null, null, 0.0000025, "$0.0000025")]
    public void ToString_Limits_DescribesThem(int? calls, long? tokens, double? cost, string expected) =>
        Assert.Equal(expected, new AgentBudget { MaxModelCalls = calls, MaxTotalTokens = tokens, MaxEstimatedCostUsd = cost }.ToString());
}
