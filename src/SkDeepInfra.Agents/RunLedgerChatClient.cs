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
/// model and returns an empty response, which ends the tool loop cleanly with the conversation intact. After the call
/// it records the call's usage, DeepInfra's <c>estimated_cost</c>, duration and tool calls in the run's ledger.
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

    /// <summary>Initializes a new instance of the <see cref="RunLedgerChatClient"/> class.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="loggerFactory">Logs each model call at Debug and each refused call at Warning.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    public RunLedgerChatClient(IChatClient innerClient, ILoggerFactory? loggerFactory = null)
        : base(innerClient)
    {
        _logger = (ILogger?)loggerFactory?.CreateLogger<RunLedgerChatClient>() ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The budget key in <paramref name="options"/> holds something other than an <see cref="AgentBudget"/>.</exception>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (AgentRun run, bool ownRun, ChatOptions? requestOptions) = ResolveRun(options);
        if (Refuse(run) is { } stop)
        {
            var stopped = new ChatResponse(new List<ChatMessage>());
            if (ownRun)
            {
                Describe(stopped.AdditionalProperties = [], run, stop);
            }

            return stopped;
        }

        long started = Elapsed.Now();
        ChatResponse response = await base.GetResponseAsync(messages, requestOptions, cancellationToken).ConfigureAwait(false);
        if (response.Messages.Count == 0 && run.Stop is { } refused)
        {
            // A gate below refused the call (AgentRun.StopBeforeModelCall): nothing was sent, so nothing is recorded.
            if (ownRun)
            {
                Describe(response.AdditionalProperties ??= [], run, refused);
            }

            return response;
        }

        Record(run, ModelCallMeter.From(response), started);
        if (ownRun)
        {
            Describe(response.AdditionalProperties ??= [], run, outcome: null);
        }

        return response;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The budget key in <paramref name="options"/> holds something other than an <see cref="AgentBudget"/>.</exception>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (AgentRun run, bool ownRun, ChatOptions? requestOptions) = ResolveRun(options);
        if (Refuse(run) is { } stop)
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
            // A gate below refused the call: nothing was sent, so nothing is recorded.
            if (ownRun)
            {
                var stopped = new ChatResponseUpdate { AdditionalProperties = [] };
                Describe(stopped.AdditionalProperties, run, refused);
                yield return stopped;
            }

            yield break;
        }

        Record(run, meter, started);
        if (ownRun)
        {
            var last = new ChatResponseUpdate { AdditionalProperties = [] };
            Describe(last.AdditionalProperties, run, outcome: null);
            yield return last;
        }
    }

    private static (AgentRun Run, bool OwnRun, ChatOptions? Options) ResolveRun(ChatOptions? options)
    {
        if (AgentRun.Current is { } ambient)
        {
            return (ambient, false, options);
        }

        (AgentBudget? budget, ChatOptions? requestOptions) = RunBudgetOption.Take(options, fallback: null);
        return (new AgentRun(budget, int.MaxValue, 0, toolNames: [], session: null), true, requestOptions);
    }

    private static void Describe(AdditionalPropertiesDictionary properties, AgentRun run, AgentRunOutcome? outcome)
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

    private void Record(AgentRun run, ModelCallMeter meter, long started)
    {
        ModelCallRecord record = run.RecordModelCall(meter, Elapsed.Since(started));
        Log.ModelCallRecorded(_logger, record.Index, record.ModelId, record.TotalTokens, record.EstimatedCostUsd, (long)record.Duration.TotalMilliseconds, record.ToolCalls.Count);
    }
}
