using System;

namespace SkDeepInfra.Agents;

/// <summary>A tool guardrail's verdict on a tool's result before the model sees it: keep it, or replace it (for example redacted).</summary>
public sealed class ToolResultVerdict
{
    private ToolResultVerdict(GuardrailAction action, object? result, string? reason)
    {
        Action = action;
        Result = result;
        Reason = reason;
    }

    /// <summary>Gets the verdict that keeps the result.</summary>
    public static ToolResultVerdict Keep { get; } = new(GuardrailAction.Pass, null, null);

    /// <summary>Gets <see cref="GuardrailAction.Pass"/> or <see cref="GuardrailAction.ReplaceResult"/>.</summary>
    public GuardrailAction Action { get; }

    /// <summary>Gets the result the model sees instead, for <see cref="GuardrailAction.ReplaceResult"/>.</summary>
    public object? Result { get; }

    /// <summary>Gets why the result was replaced, for the ledger (the model never sees it).</summary>
    public string? Reason { get; }

    /// <summary>Replaces the tool's result with <paramref name="result"/>.</summary>
    /// <param name="result">What the model sees instead.</param>
    /// <param name="reason">Why, for the ledger, e.g. <c>redacted card numbers</c>.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null, empty or white space.</exception>
    public static ToolResultVerdict Replace(object? result, string reason) => new(GuardrailAction.ReplaceResult, result, GuardrailVerdict.Required(reason, nameof(reason)));
}
