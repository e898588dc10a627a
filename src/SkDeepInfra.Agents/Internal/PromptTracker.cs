using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// Estimates a model call's input tokens from the run's previous call: its reported <c>prompt_tokens</c> plus an estimate
/// of the messages added since, when the conversation only grew (a tool loop appends); else an estimate of the whole request.
/// </summary>
internal sealed class PromptTracker
{
    private ChatMessage? _first;
    private ChatMessage? _last;
    private int _count;
    private long? _promptTokens;

    public static IReadOnlyList<ChatMessage> AsList(IEnumerable<ChatMessage> messages) =>
        messages as IReadOnlyList<ChatMessage> ?? messages.ToList();

    public long Estimate(IReadOnlyList<ChatMessage> messages, ChatOptions? options, ITokenEstimator estimator)
    {
        if (_promptTokens is long reported && _count > 0 && messages.Count >= _count
            && ReferenceEquals(messages[0], _first) && ReferenceEquals(messages[_count - 1], _last))
        {
            return reported + estimator.EstimateInputTokens(messages.Skip(_count), options: null);
        }

        return estimator.EstimateInputTokens(messages, options);
    }

    /// <summary>Remembers the conversation a call was sent with and the prompt tokens the model reported for it.</summary>
    public void Remember(IReadOnlyList<ChatMessage> messages, long? promptTokens)
    {
        _count = messages.Count;
        _first = _count > 0 ? messages[0] : null;
        _last = _count > 0 ? messages[_count - 1] : null;
        _promptTokens = promptTokens;
    }
}
