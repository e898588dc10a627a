namespace SkDeepInfra.Agents;

/// <summary>
/// Keys the agent layer reads and writes in <c>AdditionalProperties</c>. Prefer the typed accessors in
/// <see cref="AgentRunExtensions"/>; the keys are here for pipelines that pass them along.
/// </summary>
public static class AgentRunPropertyNames
{
    /// <summary>
    /// <c>skdeepinfra.budget</c>: an <see cref="AgentBudget"/> for one run, in <c>ChatOptions.AdditionalProperties</c> or
    /// <c>AgentRunOptions.AdditionalProperties</c>; it replaces the default budget (<see langword="null"/> means no limit)
    /// and is removed before the request goes to the model.
    /// </summary>
    public const string Budget = "skdeepinfra.budget";

    /// <summary><c>skdeepinfra.outcome</c>: the <see cref="AgentRunOutcome"/> on a run's response (or its last streamed update).</summary>
    public const string Outcome = "skdeepinfra.outcome";

    /// <summary><c>skdeepinfra.ledger</c>: the <see cref="AgentRunLedger"/> on a run's response (or its last streamed update).</summary>
    public const string Ledger = "skdeepinfra.ledger";

    /// <summary>
    /// <c>skdeepinfra.recovered_from_text</c>: <see langword="true"/> in a <c>FunctionCallContent</c>'s
    /// <c>AdditionalProperties</c> when the model wrote the call as text and <see cref="ToolCallRecoveryChatClient"/> recovered it.
    /// </summary>
    public const string RecoveredFromText = "skdeepinfra.recovered_from_text";

    /// <summary><c>skdeepinfra.run_ledgers</c>: the agent session state key under which the ledger of each run is kept.</summary>
    public const string SessionLedgers = "skdeepinfra.run_ledgers";
}
