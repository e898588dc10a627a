namespace SkDeepInfra.Agents.Live;

/// <summary>Against the real service; skipped unless <c>DEEPINFRA_TOKEN</c> is set.</summary>
public sealed class DeepInfraAgentLiveTests
{
    private const string Model = "meta-llama/Meta-Llama-3.1-70B-Instruct";

    [LiveFact]
    public async Task RunAsync_Live_UsesTheToolWithinBudgetAndReportsTheLedger()
    {
        using var client = new DeepInfraChatClient(Model);
        var tools = new TestTools();
        ChatClientAgent agent = client.AsDeepInfraToolAgent(
            "Use the get_weather tool to answer weather questions. Be brief.",
            [tools.Weather],
            new DeepInfraAgentOptions { Budget = new AgentBudget { MaxModelCalls = 4, MaxEstimatedCostUsd = 0.01 }, ChatOptions = new ChatOptions { Temperature = 0 } });

        AgentResponse response = await agent.RunAsync("What's the weather in Paris right now?");

        AgentRunLedger ledger = response.GetRunLedger()!;
        Assert.Contains(response.GetRunOutcome()!.Status, new[] { AgentRunStatus.Completed, AgentRunStatus.BudgetExceeded });
        Assert.InRange(ledger.ModelCalls.Count, 1, 4);
        Assert.True(ledger.EstimatedCostUsd > 0);
        Assert.Contains("get_weather(Paris)", tools.Calls);
    }
}
