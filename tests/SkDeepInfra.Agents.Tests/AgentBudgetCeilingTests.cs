using System.ComponentModel;

namespace SkDeepInfra.Agents;

/// <summary>
/// The ceilings as a property: over many runs with random prices, budgets, replies and usage (some replies without any),
/// what the model truly charged never exceeds the run's cost or token ceiling, streaming or not.
/// </summary>
public sealed class AgentBudgetCeilingTests
{
    private const int Runs = 1000;

    [Theory]
    [InlineData(false, 20261201)]
    [InlineData(true, 20261202)]
    public async Task Run_RandomUsageUnderCostAndTokenCeilings_NeverSpendsPastTheCeiling(bool streaming, int seed)
    {
        var random = new Random(seed);
        int stoppedByCeiling = 0;
        int lowered = 0;
        for (int i = 0; i < Runs; i++)
        {
            var pricing = new DeepInfraModelPricing
            {
                InputPerMillionTokens = random.Next(1, 100) / 100m,
                OutputPerMillionTokens = random.Next(1, 100) / 100m,
            };
            var model = new ScriptedModel(random, pricing);
            AgentBudget budget = RandomBudget(random);
            IChatClient pipeline = model.AsBuilder()
                .UseToolLoop(configure: loop => loop.Budget = budget)
                .Use(inner => new RunLedgerChatClient(inner) { Pricing = pricing })
                .Build();
            var options = new ChatOptions
            {
                Instructions = "Answer briefly.",
                Tools = [Lookup(random)],
                MaxOutputTokens = random.Next(3) == 0 ? null : random.Next(1, 3000),
            };

            AgentRunOutcome outcome = streaming
                ? (await pipeline.GetStreamingResponseAsync("Find it.", options).ToListAsync())[^1].GetRunOutcome()!
                : (await pipeline.GetResponseAsync("Find it.", options)).GetRunOutcome()!;

            string context = $"run {i}: {budget}, {pricing}, true cost {model.TrueCostUsd}, tokens {model.TrueInputTokens}+{model.TrueOutputTokens}, {outcome}, sent {string.Join(",", model.MaxTokensSent)}";
            if (budget.MaxEstimatedCostUsd is double maxCost)
            {
                Assert.True(model.TrueCostUsd <= (decimal)maxCost, context);
            }

            if (budget.MaxTotalTokens is long maxTotal)
            {
                Assert.True(model.TrueInputTokens + model.TrueOutputTokens <= maxTotal, context);
            }

            if (budget.MaxOutputTokens is long maxOutput)
            {
                Assert.True(model.TrueOutputTokens <= maxOutput, context);
            }

            stoppedByCeiling += outcome.ExceededBudget is AgentBudgetKind.EstimatedCost or AgentBudgetKind.TotalTokens or AgentBudgetKind.OutputTokens ? 1 : 0;
            lowered += model.MaxTokensSent.Count(m => m is int sent && sent != options.MaxOutputTokens);
        }

        // The property is only worth something if the ceilings were actually reached and max_tokens actually lowered.
        Assert.InRange(stoppedByCeiling, Runs / 4, Runs);
        Assert.InRange(lowered, Runs / 4, int.MaxValue);
    }

    private static AgentBudget RandomBudget(Random random) => random.Next(4) switch
    {
        0 => new AgentBudget { MaxEstimatedCostUsd = random.Next(1, 5000) / 1_000_000.0 },
        1 => new AgentBudget { MaxTotalTokens = random.Next(500, 20_000) },
        2 => new AgentBudget { MaxOutputTokens = random.Next(1, 8000), MinimumAnswerTokens = random.Next(1, 200) },
        _ => new AgentBudget
        {
            MaxEstimatedCostUsd = random.Next(1, 5000) / 1_000_000.0,
            MaxTotalTokens = random.Next(500, 20_000),
            MaxModelCalls = random.Next(1, 10),
            MinimumAnswerTokens = random.Next(1, 200),
        },
    };

    private static AIFunction Lookup(Random random)
    {
        int length = random.Next(1, 2000);
        return AIFunctionFactory.Create(([Description("What to look up.")] string query) => new string('r', length), "lookup", "Looks something up.");
    }
}
