namespace SkDeepInfra.Agents;

/// <summary>What a guardrail decided, as the run ledger records it.</summary>
public enum GuardrailAction
{
    /// <summary>The guardrail let the input, answer or tool call through unchanged.</summary>
    Pass,

    /// <summary>The guardrail tripped: the run ended with <see cref="AgentRunStatus.GuardrailTripped"/>.</summary>
    Trip,

    /// <summary>An output guardrail sent the answer back to the model with feedback for another try.</summary>
    Retry,

    /// <summary>A tool guardrail blocked a tool call; the model got the guardrail's message as the call's result.</summary>
    Block,

    /// <summary>A tool guardrail changed a tool call's arguments before it ran.</summary>
    ReplaceArguments,

    /// <summary>A tool guardrail replaced (for example redacted) a tool's result before the model saw it.</summary>
    ReplaceResult,
}
