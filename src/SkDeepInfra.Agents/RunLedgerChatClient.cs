using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// Meters every model call of a run. Before the call it enforces the run's limits (its <see cref="AgentBudget"/>, the
/// tool loop's <c>MaximumIterationsPerRequest</c> and consecutive-error limit): when one is reached it does not call the
/// model and returns an empty response, which ends the tool loop cleanly with the conversation intact. When the budget
/// has a cost or token ceiling it projects the call's worst case and lowers the request's <c>MaxOutputTokens</c> so the
/// call cannot go past the ceiling (see <see cref="AgentBudget"/> for when that holds). After the call it records the
/// call's usage, DeepInfra's <c>estimated_cost</c>, duration and tool calls in the run's ledger.
/// </summary>
/// <remarks>
/// <para>Place it below the tool loop, so it sees each model call: <see cref="ToolLoopChatClient"/> adds one directly
/// below itself when its pipeline has none. Under a <see cref="ToolLoopChatClient"/> the run is the loop's request and
/// the loop reports the outcome and ledger.</para>
/// <para>Without a tool loop above it each request is a run of its own: the budget comes from
/// <see cref="AgentRunPropertyNames.Budget"/> in the request's options, and the one-call ledger (and, when the budget
/// refused the call, the outcome) is put on the response, or on a last streamed update.</para>
/// </remarks>
public sealed class RunLedgerChatClient : DelegatingChatClient
{
    private readonly ILogger _logger;
    private ITokenEstimator _tokenEstimator = ConservativeTokenEstimator.Instance;

    /// <summary>Initializes a new instance of the <see cref="RunLedgerChatClient"/> class.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="loggerFactory">Logs each model call at Debug and each refused call at Warning.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    public RunLedgerChatClient(IChatClient innerClient, ILoggerFactory? loggerFactory = null)
        : base(innerClient)
    {
        _logger = (ILogger?)loggerFactory?.CreateLogger<RunLedgerChatClient>() ?? NullLogger.Instance;
    }

    /// <summary>
    /// Gets or sets the prices of every model this client calls, for the cost ceiling of <see cref="AgentBudget.MaxEstimatedCostUsd"/>.
    /// When <see langword="null"/> (the default), prices come from <see cref="ModelCatalog"/>.
    /// </summary>
    public DeepInfraModelPricing? Pricing { get; set; }

    /// <summary>
    /// Gets or sets the catalog to read the called model's prices and output limit from (cached by the catalog), when
    /// <see cref="Pricing"/> is not set. Without prices a cost ceiling is checked against what is spent only. A catalog that
    /// cannot be read is logged at Warning and the call goes ahead without prices.
    /// </summary>
    public DeepInfraModelCatalog? ModelCatalog { get; set; }

    /// <summary>Gets or sets the estimator of a call's input tokens; the default is <see cref="ConservativeTokenEstimator.Instance"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ITokenEstimator TokenEstimator
    {
        get => _tokenEstimator;
        set => _tokenEstimator = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The budget key in <paramref name="options"/> holds something other than an <see cref="AgentBudget"/>.</exception>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (AgentRun run, bool ownRun, ChatOptions? runOptions) = ResolveRun(options);
        (AgentRunOutcome? stop, ModelCallPlan plan, IEnumerable<ChatMessage> requestMessages, ChatOptions? requestOptions) =
            await BeforeCallAsync(run, messages, runOptions, cancellationToken).ConfigureAwait(false);
        messages = requestMessages;

        if (stop is not null)
        {
            return DescribeOwnRun(new ChatResponse(new List<ChatMessage>()), run, ownRun, stop);
        }

        long started = Elapsed.Now();
        ChatResponse response = await base.GetResponseAsync(messages, requestOptions, cancellationToken).ConfigureAwait(false);
        if (response.Messages.Count == 0 && run.Stop is { } refused)
        {
            // A gate below refused the call (AgentRun.StopWith, e.g. a fleet-wide spend limit): nothing was sent or recorded.
            return DescribeOwnRun(response, run, ownRun, refused);
        }

        Record(run, ModelCallMeter.From(response), started, plan, messages);
        return DescribeOwnRun(response, run, ownRun, outcome: null);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The budget key in <paramref name="options"/> holds something other than an <see cref="AgentBudget"/>.</exception>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (AgentRun run, bool ownRun, ChatOptions? runOptions) = ResolveRun(options);
        (AgentRunOutcome? stop, ModelCallPlan plan, IEnumerable<ChatMessage> requestMessages, ChatOptions? requestOptions) =
            await BeforeCallAsync(run, messages, runOptions, cancellationToken).ConfigureAwait(false);
        messages = requestMessages;

        if (stop is not null)
        {
            // Under a tool loop an empty stream ends the loop; the loop reports why.
            if (ownRun)
            {
                var stopped = new ChatResponseUpdate { AdditionalProperties = [] };
                Describe(stopped.AdditionalProperties, run, stop);
                yield return stopped;
            }

            yield break;
        }

        var meter = new ModelCallMeter();
        long started = Elapsed.Now();
        bool any = false;
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, requestOptions, cancellationToken).ConfigureAwait(false))
        {
            any = true;
            meter.Observe(update);
            yield return update;
        }

        if (!any && run.Stop is { } refused)
        {
            // A gate below refused the call: nothing was sent or recorded.
            if (ownRun)
            {
                var stopped = new ChatResponseUpdate { AdditionalProperties = [] };
                Describe(stopped.AdditionalProperties, run, refused);
                yield return stopped;
            }

            yield break;
        }

        Record(run, meter, started, plan, messages);
        if (ownRun)
        {
            var last = new ChatResponseUpdate { AdditionalProperties = [] };
            Describe(last.AdditionalProperties, run, outcome: null);
            yield return last;
        }
    }

    /// <summary>The ambient run, or a new one for this request alone, with its budget taken from the options.</summary>
    internal static (AgentRun Run, bool OwnRun, ChatOptions? Options) ResolveRun(ChatOptions? options)
    {
        if (AgentRun.Current is { } ambient)
        {
            return (ambient, false, options);
        }

        (AgentBudget? budget, ChatOptions? requestOptions) = RunBudgetOption.Take(options, fallback: null);
        return (new AgentRun(budget, int.MaxValue, 0, toolNames: [], session: null), true, requestOptions);
    }

    internal static void Describe(AdditionalPropertiesDictionary properties, AgentRun run, AgentRunOutcome? outcome)
    {
        if (outcome is not null)
        {
            properties[AgentRunPropertyNames.Outcome] = outcome;
        }

        properties[AgentRunPropertyNames.Ledger] = run.ToLedger();
    }

    private AgentRunOutcome? Refuse(AgentRun run)
    {
        AgentRunOutcome? stop = run.CheckBeforeModelCall();
        if (stop is not null)
        {
            Log.RunStopped(_logger, stop.ToString());
        }

        return stop;
    }

    /// <summary>The run's limits before a call: a stop outcome, or how the call goes out (its ceiling plan, messages and options).</summary>
    private async ValueTask<(AgentRunOutcome? Stop, ModelCallPlan Plan, IEnumerable<ChatMessage> Messages, ChatOptions? Options)> BeforeCallAsync(
        AgentRun run, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        bool lastAnswer = run.AnsweringLast;
        if ((lastAnswer ? run.CheckBeforeLastAnswer() : Refuse(run)) is { } stop)
        {
            return (stop, default, messages, options);
        }

        if (run.Budget is not { HasCeiling: true })
        {
            return (null, default, messages, options);
        }

        IReadOnlyList<ChatMessage> list = PromptTracker.AsList(messages);
        (AgentRunOutcome? refused, ModelCallPlan plan, ChatOptions? planned) = await PlanAsync(run, list, options, cancellationToken).ConfigureAwait(false);
        return (refused, plan, list, planned);
    }

    /// <summary>Puts the run's ledger (and <paramref name="outcome"/>) on a response when the run is this request's own; returns the response.</summary>
    internal static ChatResponse DescribeOwnRun(ChatResponse response, AgentRun run, bool ownRun, AgentRunOutcome? outcome)
    {
        if (ownRun)
        {
            Describe(response.AdditionalProperties ??= [], run, outcome);
        }

        return response;
    }

    /// <summary>
    /// Projects the call's worst case against the run's ceilings: stops the run when not even a minimal answer fits, else
    /// lowers <c>MaxOutputTokens</c> (on a copy of the options) when the ceiling needs it.
    /// </summary>
    private async ValueTask<(AgentRunOutcome? Stop, ModelCallPlan Plan, ChatOptions? Options)> PlanAsync(
        AgentRun run, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        AgentBudget budget = run.Budget!;
        DeepInfraModelInfo? model = await FindModelAsync(options, cancellationToken).ConfigureAwait(false);
        DeepInfraModelPricing? pricing = Pricing ?? model?.Pricing;
        long inputEstimate = run.Prompt.Estimate(messages, options, _tokenEstimator);
        // A run with a last answer keeps its worst case aside from every other call; the last answer itself spends it.
        RunSpend spent = run.LastAnswer is { } last && !run.AnsweringLast
            ? last.WithReserve(run.Spent, inputEstimate, _tokenEstimator, budget, pricing)
            : run.Spent;
        (AgentRunOutcome? stop, int? maxTokens) = CallCeiling.Plan(budget, spent, inputEstimate, pricing, options?.MaxOutputTokens, model?.MaxOutputTokens, run.NextModelCall);
        if (stop is not null)
        {
            return (run.StopWith(stop), default, options);
        }

        if (maxTokens is int lowered)
        {
            options = options?.Clone() ?? new ChatOptions();
            options.MaxOutputTokens = lowered;
            Log.MaxTokensLowered(_logger, run.NextModelCall, lowered);
        }

        return (null, new ModelCallPlan(inputEstimate, options?.MaxOutputTokens ?? model?.MaxOutputTokens, pricing), options);
    }

    private async Task<DeepInfraModelInfo?> FindModelAsync(ChatOptions? options, CancellationToken cancellationToken)
    {
        if (ModelCatalog is not { } catalog
            || (options?.ModelId ?? (GetService(typeof(ChatClientMetadata)) as ChatClientMetadata)?.DefaultModelId) is not { Length: > 0 } modelId)
        {
            return null;
        }

        try
        {
            return await catalog.GetModelAsync(modelId, cancellationToken).ConfigureAwait(false);
        }
        catch (DeepInfraException ex)
        {
            Log.CatalogUnavailable(_logger, modelId, ex.Message);
            return null;
        }
    }

    private void Record(AgentRun run, ModelCallMeter meter, long started, in ModelCallPlan plan, IEnumerable<ChatMessage> messages)
    {
        ModelCallRecord record = run.RecordModelCall(meter, Elapsed.Since(started), plan);
        if (plan.InputEstimate is not null)
        {
            run.Prompt.Remember((IReadOnlyList<ChatMessage>)messages, record.InputTokens);
        }

        Log.ModelCallRecorded(_logger, record.Index, record.ModelId, record.TotalTokens, record.EstimatedCostUsd, (long)record.Duration.TotalMilliseconds, record.ToolCalls.Count);
    }
}
