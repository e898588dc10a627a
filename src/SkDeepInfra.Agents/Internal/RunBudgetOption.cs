using System;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>Reads a run's budget from <see cref="AgentRunPropertyNames.Budget"/> and takes the key out, so it never reaches the model.</summary>
internal static class RunBudgetOption
{
    /// <returns>The budget in <paramref name="options"/> when the key is there (even <see langword="null"/>), else <paramref name="fallback"/>; and the options to send on.</returns>
    /// <exception cref="ArgumentException">The key holds something other than an <see cref="AgentBudget"/>.</exception>
    public static (AgentBudget? Budget, ChatOptions? Options) Take(ChatOptions? options, AgentBudget? fallback)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.TryGetValue(AgentRunPropertyNames.Budget, out object? value))
        {
            return (fallback, options);
        }

        if (value is not (null or AgentBudget))
        {
            throw new ArgumentException(
                $"AdditionalProperties[\"{AgentRunPropertyNames.Budget}\"] must be an {nameof(AgentBudget)} or null, not {value.GetType().Name}.", nameof(options));
        }

        ChatOptions copy = options.Clone();
        copy.AdditionalProperties!.Remove(AgentRunPropertyNames.Budget);
        return ((AgentBudget?)value, copy);
    }
}
