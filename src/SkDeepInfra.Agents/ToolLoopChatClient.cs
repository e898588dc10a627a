using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// A <see cref="FunctionInvokingChatClient"/> that runs each request as one agent run: budgeted, ledgered, and ended
/// with a typed <see cref="AgentRunOutcome"/> instead of an exception. The tool loop itself (concurrency, approvals,
/// error results, iteration and error limits, <see cref="FunctionInvokingChatClient.FunctionInvoker"/>) is the base
/// class's, configured with its own properties; this class adds what it lacks.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description><b>Budget.</b> <see cref="Budget"/> (or <see cref="AgentRunPropertyNames.Budget"/> in a request's
/// options, see <see cref="AgentRunExtensions.WithBudget(ChatOptions, AgentBudget?)"/>) caps model calls, tokens and
/// estimated cost; a <see cref="RunLedgerChatClient"/> below the loop (added automatically when missing) checks it
/// before every model call.</description></item>
/// <item><description><b>Outcome and ledger.</b> The response (or the last streamed update) carries the run's
/// <see cref="AgentRunOutcome"/> and <see cref="AgentRunLedger"/>; inside a <c>ChatClientAgent</c> whose loop this is,
/// the ledger is also kept in the agent session (<see cref="AgentRunExtensions.GetRunLedgers"/>).</description></item>
/// <item><description><b>Tool failures.</b> Malformed arguments, arguments that break the tool's schema
/// (<see cref="ValidateToolArguments"/>), unknown tools and exceptions all go back to the model as concise error results
/// (exception messages only with <see cref="FunctionInvokingChatClient.IncludeDetailedErrors"/>); unknown tools count as
/// errors. After <see cref="FunctionInvokingChatClient.MaximumConsecutiveErrorsPerRequest"/> rounds in a row with a failed
/// call the run ends with <see cref="AgentRunStatus.ConsecutiveErrorLimit"/>, before the next model call, instead of the
/// base class's rethrow (0 keeps the base behaviour: the first exception is rethrown).</description></item>
/// <item><description><b>Iterations.</b> At most <see cref="FunctionInvokingChatClient.MaximumIterationsPerRequest"/> model
/// calls; a run that wants more ends with <see cref="AgentRunStatus.IterationLimit"/> after its last tool results, never
/// with unanswered tool calls.</description></item>
/// <item><description><b>Last answer.</b> With <see cref="LastAnswerOnLimit"/>, a run stopped by a limit makes one more
/// model call without tools, asking the model to answer from what it has (see the property).</description></item>
/// </list>
/// </remarks>
public sealed class ToolLoopChatClient : FunctionInvokingChatClient
{
    /// <summary>The default <see cref="LastAnswerInstruction"/>.</summary>
    private const string DefaultLastAnswerInstruction =
        "You cannot call any more tools. Answer the original request now, as well as you can from the information above, and say briefly what is missing.";

    private readonly ILogger _logger;
    private Lazy<GuardrailChatClient?>? _guardrails;
    private int _lastAnswerMaxTokens = 256;
    private string _lastAnswerInstruction = DefaultLastAnswerInstruction;

    /// <summary>Initializes a new instance of the <see cref="ToolLoopChatClient"/> class.</summary>
    /// <param name="innerClient">The client below the loop; a <see cref="RunLedgerChatClient"/> is put on top of it unless it already has one.</param>
    /// <param name="loggerFactory">Logs the loop (as the base class does) and each run's totals at Information.</param>
    /// <param name="functionInvocationServices">Services for the tools, as for the base class.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    public ToolLoopChatClient(IChatClient innerClient, ILoggerFactory? loggerFactory = null, IServiceProvider? functionInvocationServices = null)
        : base(WithRunLedger(innerClient, loggerFactory), loggerFactory, functionInvocationServices)
    {
        _logger = (ILogger?)loggerFactory?.CreateLogger<ToolLoopChatClient>() ?? NullLogger.Instance;
    }

    /// <summary>Gets or sets the budget of each run, unless a request brings its own; <see langword="null"/> (the default) for none.</summary>
    public AgentBudget? Budget { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether each call's arguments are checked against the tool's JSON schema before the
    /// tool runs (required arguments, types, enums, nested objects and arrays). The default is <see langword="true"/>.
    /// Malformed JSON is always reported.
    /// </summary>
    public bool ValidateToolArguments { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether a run stopped by a limit gets one last answer. The default is
    /// <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// <para>When a run ends with <see cref="AgentRunStatus.BudgetExceeded"/> (any limit but
    /// <see cref="AgentBudgetKind.Duration"/>, the model calls, tool calls, tokens or cost) or with
    /// <see cref="AgentRunStatus.IterationLimit"/>, the loop makes one more model call, without tools, with
    /// <see cref="LastAnswerInstruction"/> appended as a user message, and at most <see cref="LastAnswerMaxTokens"/>
    /// output tokens. Its reply is added to the response (streamed, before the last update); the instruction is not. The
    /// outcome still names the limit that stopped the run; the call is in the ledger and counted in the budget.</para>
    /// <para>The last answer is reserved in advance: under <see cref="AgentBudget.MaxModelCalls"/> the other calls get one
    /// call fewer; under a cost or token ceiling every other call is projected as if the last answer (its input, the
    /// instruction and the larger of <see cref="LastAnswerMaxTokens"/> and <see cref="AgentBudget.MinimumAnswerTokens"/>)
    /// came right after it. The last answer is itself projected against what is left: when tool results made the
    /// conversation grow past the reserve, its <c>max_tokens</c> is lowered, or it is not sent when not even a minimal
    /// answer fits, so the ceiling holds either way. It comes after <see cref="FunctionInvokingChatClient.MaximumIterationsPerRequest"/>
    /// model calls when the iteration limit stopped the run.</para>
    /// </remarks>
    public bool LastAnswerOnLimit { get; set; }

    /// <summary>Gets or sets the most output tokens of the last answer (<see cref="LastAnswerOnLimit"/>). The default is 256.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int LastAnswerMaxTokens
    {
        get => _lastAnswerMaxTokens;
        set => _lastAnswerMaxTokens = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The last answer needs at least 1 token.");
    }

    /// <summary>Gets or sets what the model is told in the last answer's request (<see cref="LastAnswerOnLimit"/>): that it has no more tools and should answer from what it has.</summary>
    /// <exception cref="ArgumentException">The value is null, empty or white space.</exception>
    public string LastAnswerInstruction
    {
        get => _lastAnswerInstruction;
        set => _lastAnswerInstruction = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("The last-answer instruction cannot be empty.", nameof(value)) : value;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The budget key in <paramref name="options"/> holds something other than an <see cref="AgentBudget"/>.</exception>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (messages is null)
        {
            throw new ArgumentNullException(nameof(messages));
        }

        (AgentRun run, ChatOptions? runOptions) = BeginRun(options);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, runOptions, cancellationToken).ConfigureAwait(false);
            if (run.BeginLastAnswer())
            {
                (List<ChatMessage> request, ChatOptions lastOptions) = run.LastAnswer!.Request(messages, response.Messages, runOptions);
                ChatResponse last = await InnerClient.GetResponseAsync(request, lastOptions, cancellationToken).ConfigureAwait(false);
                foreach (ChatMessage message in last.Messages)
                {
                    response.Messages.Add(message);
                }

                response.FinishReason = last.FinishReason ?? response.FinishReason;
                if (last.Usage is { } usage)
                {
                    (response.Usage ??= new UsageDetails()).Add(usage);
                }
            }
        }
        catch (Exception ex)
        {
            FailRun(run, ex);
            throw;
        }

        var observer = new RunObserver();
        observer.Observe(response.Messages);
        FinishRun(run, observer, response.AdditionalProperties ??= []);
        return response;
    }

    /// <inheritdoc />
    /// <remarks>The last update has no contents; its <c>AdditionalProperties</c> carry the run's outcome and ledger.</remarks>
    /// <exception cref="ArgumentException">The budget key in <paramref name="options"/> holds something other than an <see cref="AgentBudget"/>.</exception>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (messages is null)
        {
            throw new ArgumentNullException(nameof(messages));
        }

        (AgentRun run, ChatOptions? runOptions) = BeginRun(options);
        var observer = new RunObserver();
        List<ChatResponseUpdate>? seen = run.LastAnswer is null ? null : [];
        IAsyncEnumerator<ChatResponseUpdate> updates = base.GetStreamingResponseAsync(messages, runOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                // An iterator resumes on its consumer's execution context after each yield: make the run ambient again
                // before the loop below runs on.
                AgentRun.Current = run;
                bool moved;
                try
                {
                    moved = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    FailRun(run, ex);
                    throw;
                }

                if (!moved)
                {
                    if (seen is not null && run.BeginLastAnswer())
                    {
                        // The loop is done: stream the last answer through the same enumerator variable.
                        (List<ChatMessage> request, ChatOptions lastOptions) = run.LastAnswer!.Request(messages, seen.ToChatResponse().Messages, runOptions);
                        await updates.DisposeAsync().ConfigureAwait(false);
                        updates = InnerClient.GetStreamingResponseAsync(request, lastOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
                        seen = null;
                        continue;
                    }

                    break;
                }

                seen?.Add(updates.Current);
                observer.Observe(updates.Current.Contents);
                yield return updates.Current;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }

        var last = new ChatResponseUpdate { AdditionalProperties = [] };
        FinishRun(run, observer, last.AdditionalProperties);
        yield return last;
    }

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeFunctionAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        long started = Elapsed.Now();
        try
        {
            if (AgentRun.Current?.CheckBeforeToolCall() is { } refused)
            {
                throw new ToolCallRefusedException(ToolResultTexts.Refused(context.Function.Name, refused.Message));
            }

            GuardrailCheck? guardrails = (_guardrails ??= new Lazy<GuardrailChatClient?>(() => InnerClient.GetService<GuardrailChatClient>())).Value?.ToolChecks();
            if (guardrails is not null && await guardrails.BeforeToolAsync(context, cancellationToken).ConfigureAwait(false) is { } blocked)
            {
                throw new ToolCallRefusedException(blocked);
            }

            CheckArguments(context);
            object? result = await base.InvokeFunctionAsync(context, cancellationToken).ConfigureAwait(false);
            return guardrails is null ? result : await guardrails.AfterToolAsync(context, result, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            AgentRun.Current?.RecordToolDuration(context.CallContent.CallId, Elapsed.Since(started));
        }
    }

    /// <inheritdoc />
    protected override IList<ChatMessage> CreateResponseMessages(ReadOnlySpan<FunctionInvocationResult> results)
    {
        IList<ChatMessage> messages = base.CreateResponseMessages(results);
        AgentRun? run = AgentRun.Current;

        var round = new List<(string CallId, string Name, string? Error)>(results.Length);
        foreach (FunctionInvocationResult result in results)
        {
            FunctionCallContent call = result.CallContent;
            FunctionResultContent? answer = AnswerTo(messages, call.CallId);
            string? error = result.Status switch
            {
                FunctionInvocationStatus.NotFound => AnswerUnknownTool(answer, call.Name, run),
                FunctionInvocationStatus.Exception => AnswerFailure(answer, call.Name, result.Exception),
                _ => null,
            };
            round.Add((call.CallId, call.Name, error));
        }

        if (run is not null)
        {
            foreach (ToolCallRecord record in run.RecordToolRound(round))
            {
                Log.ToolCallRecorded(_logger, record.Name, record.CallId, record.ModelCall, record.Succeeded, (long)record.Duration.TotalMilliseconds);
            }
        }

        return messages;
    }

    /// <summary>The last result among <paramref name="messages"/> for the call <paramref name="callId"/>, if any (a round has a few, so a scan is cheaper than an index).</summary>
    private static FunctionResultContent? AnswerTo(IList<ChatMessage> messages, string callId)
    {
        FunctionResultContent? answer = null;
        foreach (ChatMessage message in messages)
        {
            foreach (AIContent content in message.Contents)
            {
                if (content is FunctionResultContent result && string.Equals(result.CallId, callId, StringComparison.Ordinal))
                {
                    answer = result;
                }
            }
        }

        return answer;
    }

    private static IChatClient WithRunLedger(IChatClient innerClient, ILoggerFactory? loggerFactory)
    {
        if (innerClient is null)
        {
            throw new ArgumentNullException(nameof(innerClient));
        }

        return innerClient.GetService<RunLedgerChatClient>() is null ? new RunLedgerChatClient(innerClient, loggerFactory) : innerClient;
    }

    private static string AnswerUnknownTool(FunctionResultContent? answer, string name, AgentRun? run)
    {
        string text = ToolResultTexts.UnknownTool(name, run?.ToolNames ?? []);
        if (answer is not null)
        {
            answer.Result = text;

            // An exception makes the base class count the round as failed, like any other failure.
            answer.Exception ??= new InvalidOperationException(text);
        }

        return $"unknown tool \"{name}\"";
    }

    private string AnswerFailure(FunctionResultContent? answer, string name, Exception? exception)
    {
        if (answer is not null)
        {
            answer.Result = exception is ToolArgumentException or ToolCallRefusedException
                ? exception.Message
                : ToolResultTexts.Failed(name, IncludeDetailedErrors ? exception?.Message : null);
        }

        return exception?.Message ?? "the tool failed";
    }

    private void CheckArguments(FunctionInvocationContext context)
    {
        string name = context.Function.Name;
        if (context.CallContent.Exception is { } malformed)
        {
            throw new ToolArgumentException(ToolResultTexts.MalformedArguments(name), malformed);
        }

        if (ValidateToolArguments
            && ToolArgumentValidator.Validate(context.Function.JsonSchema, context.Arguments, context.Function.JsonSerializerOptions) is { } problem)
        {
            throw new ToolArgumentException(ToolResultTexts.InvalidArguments(name, problem));
        }
    }

    private (AgentRun Run, ChatOptions? Options) BeginRun(ChatOptions? options)
    {
        (AgentBudget? budget, ChatOptions? runOptions) = RunBudgetOption.Take(options, Budget);
        IReadOnlyList<string> toolNames = RunTools.Names(runOptions?.Tools, AdditionalTools);

        // Keep the ledger in the agent session only when this loop is that agent's own (not a pipeline a tool called).
        AgentRunContext? context = AIAgent.CurrentRunContext;
        AgentSession? session = context?.Agent.GetService<ToolLoopChatClient>() == this ? context.Session : null;

        var run = new AgentRun(budget, MaximumIterationsPerRequest, MaximumConsecutiveErrorsPerRequest, toolNames, session)
        {
            LastAnswer = LastAnswerOnLimit ? new LastAnswerPlan(LastAnswerMaxTokens, LastAnswerInstruction) : null,
        };
        AgentRun.Current = run;
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            // The budget's text is written only for the log.
            Log.RunStarted(_logger, budget?.ToString() ?? "unlimited", toolNames.Count);
        }
        return (run, runOptions);
    }

    /// <summary>
    /// A run that throws keeps what it spent: its ledger goes on the exception's <see cref="Exception.Data"/> under
    /// <see cref="AgentRunPropertyNames.Ledger"/> and into the agent session, like a finished run's.
    /// </summary>
    private void FailRun(AgentRun run, Exception exception)
    {
        AgentRunLedger ledger = run.ToLedger();
        try
        {
            exception.Data[AgentRunPropertyNames.Ledger] = ledger;
        }
        catch (ArgumentException)
        {
            // .NET Framework's Exception.Data takes serializable values only; the session and the log still get the ledger.
        }

        if (run.Session is { } session)
        {
            SessionLedgers.Append(session, ledger);
        }

        Log.RunFailed(_logger, exception.GetType().Name, ledger.ModelCalls.Count, ledger.ToolCalls.Count, ledger.TotalTokens, ledger.EstimatedCostUsd, (long)ledger.Duration.TotalMilliseconds);
    }

    private void FinishRun(AgentRun run, RunObserver observer, AdditionalPropertiesDictionary properties)
    {
        AgentRunOutcome outcome = run.Stop ?? observer.ToOutcome();
        AgentRunLedger ledger = run.ToLedger();
        properties[AgentRunPropertyNames.Outcome] = outcome;
        properties[AgentRunPropertyNames.Ledger] = ledger;
        if (run.Session is { } session)
        {
            SessionLedgers.Append(session, ledger);
        }

        Log.RunFinished(_logger, outcome.Status, ledger.ModelCalls.Count, ledger.ToolCalls.Count, ledger.FailedToolCalls, ledger.TotalTokens,
            ledger.EstimatedCostUsd, (long)ledger.Duration.TotalMilliseconds);
    }
}
