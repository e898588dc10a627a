using System;
using System.Collections.Generic;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>Typed access to what the agent layer puts on results and sessions, and a per-run budget for requests.</summary>
public static class AgentRunExtensions
{
    /// <summary>Gets how the run that produced <paramref name="response"/> ended.</summary>
    /// <param name="response">A response from a <see cref="ToolLoopChatClient"/> pipeline.</param>
    /// <returns>The outcome, or <see langword="null"/> when the response did not come from a tool loop of this package.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public static AgentRunOutcome? GetRunOutcome(this ChatResponse response) =>
        Find<AgentRunOutcome>((response ?? throw new ArgumentNullException(nameof(response))).AdditionalProperties, AgentRunPropertyNames.Outcome)?.ShownIn(response.Messages);

    /// <summary>Gets how the agent run that produced <paramref name="response"/> ended.</summary>
    /// <param name="response">A response from an agent built with <c>AsDeepInfraToolAgent</c> (or over a <see cref="ToolLoopChatClient"/>).</param>
    /// <returns>The outcome, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public static AgentRunOutcome? GetRunOutcome(this AgentResponse response) =>
        Find<AgentRunOutcome>((response ?? throw new ArgumentNullException(nameof(response))).AdditionalProperties, AgentRunPropertyNames.Outcome)?.ShownIn(response.Messages);

    /// <summary>Gets the run's outcome from a streamed update: the last update of a run carries it.</summary>
    /// <param name="update">A streamed update.</param>
    /// <returns>The outcome, or <see langword="null"/> on every other update.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    public static AgentRunOutcome? GetRunOutcome(this ChatResponseUpdate update) =>
        Find<AgentRunOutcome>((update ?? throw new ArgumentNullException(nameof(update))).AdditionalProperties, AgentRunPropertyNames.Outcome);

    /// <summary>Gets the agent run's outcome from a streamed update: the last update of a run carries it.</summary>
    /// <param name="update">A streamed agent update.</param>
    /// <returns>The outcome, or <see langword="null"/> on every other update.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    public static AgentRunOutcome? GetRunOutcome(this AgentResponseUpdate update) =>
        Find<AgentRunOutcome>((update ?? throw new ArgumentNullException(nameof(update))).AdditionalProperties, AgentRunPropertyNames.Outcome);

    /// <summary>Gets the ledger of the run that produced <paramref name="response"/>: its model calls, tool calls and totals.</summary>
    /// <param name="response">A response from a <see cref="ToolLoopChatClient"/> or <see cref="RunLedgerChatClient"/> pipeline.</param>
    /// <returns>The ledger, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public static AgentRunLedger? GetRunLedger(this ChatResponse response) =>
        Find<AgentRunLedger>((response ?? throw new ArgumentNullException(nameof(response))).AdditionalProperties, AgentRunPropertyNames.Ledger);

    /// <summary>Gets the ledger of the agent run that produced <paramref name="response"/>.</summary>
    /// <param name="response">A response from an agent built with <c>AsDeepInfraToolAgent</c> (or over a <see cref="ToolLoopChatClient"/>).</param>
    /// <returns>The ledger, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public static AgentRunLedger? GetRunLedger(this AgentResponse response) =>
        Find<AgentRunLedger>((response ?? throw new ArgumentNullException(nameof(response))).AdditionalProperties, AgentRunPropertyNames.Ledger);

    /// <summary>Gets the run's ledger from a streamed update: the last update of a run carries it.</summary>
    /// <param name="update">A streamed update.</param>
    /// <returns>The ledger, or <see langword="null"/> on every other update.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    public static AgentRunLedger? GetRunLedger(this ChatResponseUpdate update) =>
        Find<AgentRunLedger>((update ?? throw new ArgumentNullException(nameof(update))).AdditionalProperties, AgentRunPropertyNames.Ledger);

    /// <summary>Gets the agent run's ledger from a streamed update: the last update of a run carries it.</summary>
    /// <param name="update">A streamed agent update.</param>
    /// <returns>The ledger, or <see langword="null"/> on every other update.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    public static AgentRunLedger? GetRunLedger(this AgentResponseUpdate update) =>
        Find<AgentRunLedger>((update ?? throw new ArgumentNullException(nameof(update))).AdditionalProperties, AgentRunPropertyNames.Ledger);

    /// <summary>
    /// Gets the ledger of every run of an agent session, oldest first. Kept in the session's state, so it survives
    /// <c>SerializeSessionAsync</c>/<c>DeserializeSessionAsync</c>.
    /// </summary>
    /// <param name="session">A session of an agent built with <c>AsDeepInfraToolAgent</c> (or over a <see cref="ToolLoopChatClient"/>).</param>
    /// <returns>The ledgers; empty before the first run.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    public static IReadOnlyList<AgentRunLedger> GetRunLedgers(this AgentSession session) =>
        SessionLedgers.Read(session ?? throw new ArgumentNullException(nameof(session)));

    /// <summary>Sets the budget of the run these options start, replacing the default one; <see langword="null"/> for no limit.</summary>
    /// <param name="options">The request's options; changed and returned.</param>
    /// <param name="budget">The run's budget.</param>
    /// <returns><paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static ChatOptions WithBudget(this ChatOptions options, AgentBudget? budget)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        (options.AdditionalProperties ??= [])[AgentRunPropertyNames.Budget] = budget;
        return options;
    }

    /// <summary>
    /// Sets the budget of the agent run these options start, replacing the agent's default one; <see langword="null"/> for
    /// no limit. Use it to continue a session whose last run hit its budget.
    /// </summary>
    /// <param name="options">The run's options; changed and returned.</param>
    /// <param name="budget">The run's budget.</param>
    /// <returns><paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static AgentRunOptions WithBudget(this AgentRunOptions options, AgentBudget? budget)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        (options.AdditionalProperties ??= [])[AgentRunPropertyNames.Budget] = budget;
        return options;
    }

    private static T? Find<T>(AdditionalPropertiesDictionary? properties, string key)
        where T : class =>
        properties is not null && properties.TryGetValue(key, out object? value) ? value as T : null;
}
