using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents;

/// <summary>
/// Estimates how many input tokens messages take, before they are sent, so <see cref="RunLedgerChatClient"/> can project
/// a model call's worst case against the run's <see cref="AgentBudget"/>. A budget's ceilings hold only if the estimate
/// never falls below what the model reports as <c>prompt_tokens</c>: estimate high, not close.
/// </summary>
/// <remarks>Called before every model call of a run with a ceiling; implementations must be thread-safe and cheap.</remarks>
public interface ITokenEstimator
{
    /// <summary>Estimates the input tokens of <paramref name="messages"/> and, when given, of the request's instructions, tools and response format.</summary>
    /// <param name="messages">The messages to count.</param>
    /// <param name="options">The request's options, or <see langword="null"/> to count the messages alone (messages added to a conversation whose earlier part the model already counted).</param>
    /// <returns>The estimated input tokens; never negative.</returns>
    long EstimateInputTokens(IEnumerable<ChatMessage> messages, ChatOptions? options);
}
