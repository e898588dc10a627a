using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Orleans.Spend;

/// <summary>
/// What a model call reserves before it is sent: a fixed amount when configured, else the conversation's tokens
/// (estimated generously from its text) at the model's input price plus its <c>MaxOutputTokens</c> at the output price,
/// else a default amount for models without prices.
/// </summary>
internal static class CallCostEstimator
{
    /// <summary>Characters per token assumed; lower than typical (about four) so the estimate errs high.</summary>
    private const int CharactersPerToken = 3;

    public static double Estimate(DeepInfraAgentClusterOptions options, IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, string? modelId)
    {
        if (options.CallEstimateUsd is double fixedAmount)
        {
            return fixedAmount;
        }

        if (modelId is null || !options.ModelPrices.TryGetValue(modelId, out DeepInfraModelPricing? prices))
        {
            return options.DefaultCallEstimateUsd;
        }

        long characters = messages.Sum(m => (long)(m.Text?.Length ?? 0) + 16) + (chatOptions?.Instructions?.Length ?? 0);
        long inputTokens = (characters / CharactersPerToken) + 1;
        long outputTokens = chatOptions?.MaxOutputTokens ?? options.DefaultMaxOutputTokens;
        return prices.EstimateCost(inputTokens, outputTokens) is decimal cost ? (double)cost : options.DefaultCallEstimateUsd;
    }
}
