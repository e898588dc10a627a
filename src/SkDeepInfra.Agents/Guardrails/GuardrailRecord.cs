using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Agents;

/// <summary>One guardrail verdict of an agent run, as the run ledger recorded it.</summary>
public sealed class GuardrailRecord
{
    /// <summary>Initializes a new instance of the <see cref="GuardrailRecord"/> class.</summary>
    /// <param name="modelCall">The <see cref="ModelCallRecord.Index"/> of the model call it concerns (the call about to be made, for input guardrails).</param>
    /// <param name="name">The guardrail's name.</param>
    /// <param name="stage">Where it was checked.</param>
    /// <param name="action">What it decided.</param>
    /// <param name="reason">The trip reason, retry feedback, block message or replacement reason, when there is one.</param>
    /// <param name="duration">How long the check took.</param>
    [JsonConstructor]
    public GuardrailRecord(int modelCall, string name, GuardrailStage stage, GuardrailAction action, string? reason, TimeSpan duration)
    {
        ModelCall = modelCall;
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Stage = stage;
        Action = action;
        Reason = reason;
        Duration = duration;
    }

    /// <summary>Gets the <see cref="ModelCallRecord.Index"/> of the model call the verdict concerns.</summary>
    public int ModelCall { get; }

    /// <summary>Gets the guardrail's name.</summary>
    public string Name { get; }

    /// <summary>Gets where the guardrail was checked.</summary>
    public GuardrailStage Stage { get; }

    /// <summary>Gets what the guardrail decided.</summary>
    public GuardrailAction Action { get; }

    /// <summary>Gets the trip reason, retry feedback, block message or replacement reason, when there is one.</summary>
    public string? Reason { get; }

    /// <summary>Gets how long the check took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Describes the verdict, e.g. <c>guardrail no_pii (Output, model call 2): Retry: remove the phone number, 3 ms</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"guardrail {Name} ({Stage}, model call {ModelCall.ToString(CultureInfo.InvariantCulture)}): {Action}{(Reason is null ? string.Empty : ": " + Reason)}, {Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
}
