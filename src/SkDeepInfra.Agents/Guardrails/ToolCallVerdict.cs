using System;
using System.Collections.Generic;

namespace SkDeepInfra.Agents;

/// <summary>A tool guardrail's verdict on a tool call before it runs: allow it, block it with a message the model sees, or change its arguments.</summary>
public sealed class ToolCallVerdict
{
    private ToolCallVerdict(GuardrailAction action, string? message, IDictionary<string, object?>? arguments)
    {
        Action = action;
        Message = message;
        Arguments = arguments;
    }

    /// <summary>Gets the verdict that lets the call run as the model wrote it.</summary>
    public static ToolCallVerdict Allow { get; } = new(GuardrailAction.Pass, null, null);

    /// <summary>Gets <see cref="GuardrailAction.Pass"/>, <see cref="GuardrailAction.Block"/> or <see cref="GuardrailAction.ReplaceArguments"/>.</summary>
    public GuardrailAction Action { get; }

    /// <summary>Gets the message the model gets instead of the tool's result, for a blocked call.</summary>
    public string? Message { get; }

    /// <summary>Gets the arguments the tool runs with instead of the model's, for <see cref="GuardrailAction.ReplaceArguments"/>.</summary>
    public IDictionary<string, object?>? Arguments { get; }

    /// <summary>Blocks the call: the tool does not run and the model gets <paramref name="message"/> as its result.</summary>
    /// <param name="message">What the model is told, e.g. <c>Refunds above $500 need a human.</c></param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentException"><paramref name="message"/> is null, empty or white space.</exception>
    public static ToolCallVerdict Block(string message) => new(GuardrailAction.Block, GuardrailVerdict.Required(message, nameof(message)), null);

    /// <summary>Runs the tool with <paramref name="arguments"/> instead of the model's (they are still checked against the tool's schema).</summary>
    /// <param name="arguments">The arguments to run with.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="arguments"/> is null.</exception>
    public static ToolCallVerdict ReplaceArguments(IDictionary<string, object?> arguments) =>
        new(GuardrailAction.ReplaceArguments, null, arguments ?? throw new ArgumentNullException(nameof(arguments)));
}
