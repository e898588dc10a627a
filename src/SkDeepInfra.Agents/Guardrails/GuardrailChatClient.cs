using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// Runs a run's guardrails: input guardrails before its first model call (or, with <see cref="RunInputGuardrailsInParallel"/>,
/// while it is made, cancelling it when one trips), output guardrails on the final answer (pass, trip, or another try with
/// feedback), and tool guardrails, which the <see cref="ToolLoopChatClient"/> above asks before each tool runs and after.
/// A trip ends the run with <see cref="AgentRunStatus.GuardrailTripped"/>; every verdict is in the run's ledger
/// (<see cref="AgentRunLedger.Guardrails"/>).
/// </summary>
/// <remarks>
/// <para>Place it below the tool loop and above <see cref="StructuredOutputChatClient"/> and <see cref="RunLedgerChatClient"/>,
/// so retries are model calls of the run (budgeted and in the ledger) and output guardrails see repaired answers. Without a
/// tool loop above it each request is a run of its own, with its ledger (and outcome) on the response.</para>
/// <para>A tripped answer is left out of the response. Streaming: with output guardrails, an answer is held until it is
/// complete and has passed; with parallel input guardrails, updates are held until the input has passed, then stream on.</para>
/// </remarks>
public sealed class GuardrailChatClient : DelegatingChatClient
{
    private readonly ILogger _logger;
    private int _maximumOutputRetries = 2;

    /// <summary>Initializes a new instance of the <see cref="GuardrailChatClient"/> class.</summary>
    /// <param name="innerClient">The client below.</param>
    /// <param name="loggerFactory">Logs each verdict other than a pass at Information.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    public GuardrailChatClient(IChatClient innerClient, ILoggerFactory? loggerFactory = null)
        : base(innerClient)
    {
        _logger = (ILogger?)loggerFactory?.CreateLogger<GuardrailChatClient>() ?? NullLogger.Instance;
    }

    /// <summary>Gets the input guardrails, checked in order; the first trip ends the run.</summary>
    public IList<IInputGuardrail> InputGuardrails { get; } = [];

    /// <summary>Gets the output guardrails, checked in order on each final answer.</summary>
    public IList<IOutputGuardrail> OutputGuardrails { get; } = [];

    /// <summary>Gets the tool guardrails, checked in order before each tool call and after it.</summary>
    public IList<IToolGuardrail> ToolGuardrails { get; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether input guardrails run while the first model call is made (the OpenAI Agents
    /// SDK's default), which saves their latency; a trip cancels the call. The default is <see langword="false"/>: the
    /// call waits for them, so a tripped input costs nothing.
    /// </summary>
    public bool RunInputGuardrailsInParallel { get; set; }

    /// <summary>Gets or sets how many times output guardrails may send an answer back for another try; after that a retry verdict trips. The default is 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or more than 10.</exception>
    public int MaximumOutputRetries
    {
        get => _maximumOutputRetries;
        set => _maximumOutputRetries = value is >= 0 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Between 0 and 10 retries are allowed.");
    }

    /// <summary>Gets the guardrail checks of the ambient run, for the tool loop's hooks; <see langword="null"/> without tool guardrails or a run.</summary>
    internal GuardrailCheck? ToolChecks() =>
        ToolGuardrails.Count > 0 && AgentRun.Current is { } run ? new GuardrailCheck(this, run, _logger) : null;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (AgentRun run, bool ownRun, ChatOptions? runOptions) = RunLedgerChatClient.ResolveRun(options);
        AgentRun.Current = run;
        var check = new GuardrailCheck(this, run, _logger);
        List<ChatMessage> conversation = [.. messages];
        Task<AgentRunOutcome?>? input = InputGuardrails.Count > 0 && run.BeginInputCheck() ? check.InputAsync(conversation, cancellationToken) : null;
        if (input is not null && !RunInputGuardrailsInParallel && await input.ConfigureAwait(false) is { } tripped)
        {
            return Finish(new ChatResponse(new List<ChatMessage>()), run, ownRun, tripped);
        }

        for (int attempt = 0; ; attempt++)
        {
            ChatResponse response;
            if (input is not null && RunInputGuardrailsInParallel)
            {
                (ChatResponse? raced, AgentRunOutcome? inputTrip) = await GuardrailCheck.RaceAsync(input, ct => base.GetResponseAsync(conversation, runOptions, ct), cancellationToken).ConfigureAwait(false);
                input = null;
                if (inputTrip is not null)
                {
                    return Finish(new ChatResponse(new List<ChatMessage>()), run, ownRun, inputTrip);
                }

                response = raced!;
            }
            else
            {
                response = await base.GetResponseAsync(conversation, runOptions, cancellationToken).ConfigureAwait(false);
            }

            ChatMessage? answer = FinalAnswer(response.Messages);
            if (answer is null || OutputGuardrails.Count == 0)
            {
                return Finish(response, run, ownRun, outcome: null);
            }

            (AgentRunOutcome? outputTrip, string? feedback) = await check.OutputAsync(answer, attempt, cancellationToken).ConfigureAwait(false);
            if (outputTrip is not null)
            {
                response.Messages = [.. response.Messages.Where(m => !ReferenceEquals(m, answer))];
                return Finish(response, run, ownRun, outputTrip);
            }

            if (feedback is null)
            {
                return Finish(response, run, ownRun, outcome: null);
            }

            conversation.AddRange(response.Messages);
            conversation.Add(new ChatMessage(ChatRole.User, feedback));
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (AgentRun run, bool ownRun, ChatOptions? runOptions) = RunLedgerChatClient.ResolveRun(options);
        AgentRun.Current = run;
        var check = new GuardrailCheck(this, run, _logger);
        List<ChatMessage> conversation = [.. messages];
        Task<AgentRunOutcome?>? input = InputGuardrails.Count > 0 && run.BeginInputCheck() ? check.InputAsync(conversation, cancellationToken) : null;
        AgentRunOutcome? outcome = input is not null && !RunInputGuardrailsInParallel ? await input.ConfigureAwait(false) : null;
        for (int attempt = 0; outcome is null; attempt++)
        {
            Task<AgentRunOutcome?>? pending = RunInputGuardrailsInParallel ? input : null;
            input = null;

            // Only a parallel input check can cancel the call; without one the caller's token is the call's.
            using CancellationTokenSource? call = pending is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            CancellationToken callToken = call?.Token ?? cancellationToken;
            if (call is not null)
            {
                _ = GuardrailCheck.CancelWhenTripped(pending, call);
            }

            List<ChatResponseUpdate> held = [];
            bool holdAll = pending is not null || OutputGuardrails.Count > 0;
            IAsyncEnumerator<ChatResponseUpdate> updates = base.GetStreamingResponseAsync(conversation, runOptions, callToken).GetAsyncEnumerator(callToken);
            try
            {
                while (true)
                {
                    bool moved;
                    try
                    {
                        moved = await updates.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (pending is { IsCompleted: true } && !cancellationToken.IsCancellationRequested && pending.Result is not null)
                    {
                        break;
                    }

                    if (!moved)
                    {
                        break;
                    }

                    if (holdAll)
                    {
                        held.Add(updates.Current);
                        if (OutputGuardrails.Count > 0 || pending is not { IsCompleted: true } || await pending.ConfigureAwait(false) is not null)
                        {
                            continue;
                        }

                        // The input passed and no answer check follows: release what was held and stream on.
                        foreach (ChatResponseUpdate passed in held)
                        {
                            yield return passed;
                            AgentRun.Current = run;
                        }

                        held.Clear();
                        holdAll = false;
                        continue;
                    }

                    yield return updates.Current;
                    AgentRun.Current = run;
                }
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            if (pending is not null && await pending.ConfigureAwait(false) is { } inputTrip)
            {
                outcome = inputTrip;
                break;
            }

            string? feedback = null;
            ChatResponse response = held.ToChatResponse();
            if (OutputGuardrails.Count > 0 && FinalAnswer(response.Messages) is { } answer)
            {
                (outcome, feedback) = await check.OutputAsync(answer, attempt, cancellationToken).ConfigureAwait(false);
                if (outcome is not null || feedback is not null)
                {
                    // A tripped or retried answer is not released; its usage is.
                    held = [.. held.Where(u => u.Contents.Any(c => c is UsageContent)).Select(u => new ChatResponseUpdate(u.Role, [.. u.Contents.OfType<UsageContent>()]))];
                }
            }

            foreach (ChatResponseUpdate update in held)
            {
                yield return update;
                AgentRun.Current = run;
            }

            if (feedback is null)
            {
                break;
            }

            conversation.AddRange(response.Messages);
            conversation.Add(new ChatMessage(ChatRole.User, feedback));
        }

        if (ownRun)
        {
            var last = new ChatResponseUpdate { AdditionalProperties = [] };
            RunLedgerChatClient.Describe(last.AdditionalProperties, run, outcome);
            yield return last;
        }
    }

    /// <summary>The last assistant message when it is a final answer (no tool calls); else <see langword="null"/>.</summary>
    private static ChatMessage? FinalAnswer(IList<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == ChatRole.Assistant) is { } reply && !reply.Contents.Any(c => c is FunctionCallContent or ToolApprovalRequestContent)
            ? reply
            : null;

    private static ChatResponse Finish(ChatResponse response, AgentRun run, bool ownRun, AgentRunOutcome? outcome) =>
        RunLedgerChatClient.DescribeOwnRun(response, run, ownRun, outcome);
}
