using System;

namespace SkDeepInfra.Agents;

/// <summary>An input or output guardrail's verdict: pass, trip with a reason, or (output guardrails) retry with feedback for the model.</summary>
public sealed class GuardrailVerdict
{
    private GuardrailVerdict(GuardrailAction action, string? reason)
    {
        Action = action;
        Reason = reason;
    }

    /// <summary>Gets the verdict that lets the input or answer through.</summary>
    public static GuardrailVerdict Pass { get; } = new(GuardrailAction.Pass, null);

    /// <summary>Gets <see cref="GuardrailAction.Pass"/>, <see cref="GuardrailAction.Trip"/> or <see cref="GuardrailAction.Retry"/>.</summary>
    public GuardrailAction Action { get; }

    /// <summary>Gets why the guardrail tripped, or the feedback the model gets for another try; <see langword="null"/> for a pass.</summary>
    public string? Reason { get; }

    /// <summary>Ends the run with <see cref="AgentRunStatus.GuardrailTripped"/>.</summary>
    /// <param name="reason">Why, for the caller (the model never sees it).</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null, empty or white space.</exception>
    public static GuardrailVerdict Trip(string reason) => new(GuardrailAction.Trip, Required(reason, nameof(reason)));

    /// <summary>
    /// Sends the answer back to the model with <paramref name="feedback"/> for another try (output guardrails only; from an
    /// input guardrail it counts as a trip). Bounded by <see cref="GuardrailChatClient.MaximumOutputRetries"/>, after which it trips.
    /// </summary>
    /// <param name="feedback">What the model should change, sent to it as a user message.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentException"><paramref name="feedback"/> is null, empty or white space.</exception>
    public static GuardrailVerdict Retry(string feedback) => new(GuardrailAction.Retry, Required(feedback, nameof(feedback)));

    /// <summary>Describes the verdict, e.g. <c>Trip: mentions a competitor</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Reason is null ? Action.ToString() : $"{Action}: {Reason}";

    internal static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A non-empty text is required.", name) : value;
}
