using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Agents.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// The state of one run: its budget and limits, what it has spent, its ledger, and why it stopped. Created by
/// <see cref="ToolLoopChatClient"/> for each request (or by <see cref="RunLedgerChatClient"/> when it has no loop above
/// it) and made ambient with <see cref="Current"/>, so the middleware below the tool loop and the loop's own hooks
/// share it. Thread-safe: concurrent tool calls record into it.
/// </summary>
internal sealed class AgentRun
{
    private static readonly AsyncLocal<AgentRun?> s_current = new();

    private readonly object _sync = new();
    private readonly List<ModelCallRecord> _modelCalls = [];
    private readonly List<ToolCallRecord> _toolCalls = [];
    private readonly Dictionary<string, TimeSpan> _toolDurations = new(StringComparer.Ordinal);
    private readonly long _started = Elapsed.Now();
    private readonly int _maxModelCalls;
    private readonly int _maxConsecutiveErrorRounds;
    private int _consecutiveErrorRounds;
    private bool _errorLimitReached;
    private long _totalTokens;
    private double _estimatedCost;
    private AgentRunOutcome? _stop;

    /// <param name="budget">The run's budget, or <see langword="null"/> for none.</param>
    /// <param name="maxModelCalls">The most model calls the loop allows (<c>MaximumIterationsPerRequest</c>), or <see cref="int.MaxValue"/>.</param>
    /// <param name="maxConsecutiveErrorRounds">Failed tool rounds in a row that end the run; 0 for no such limit.</param>
    /// <param name="toolNames">The names of the tools offered to the run.</param>
    /// <param name="session">The agent session to keep the ledger in, when the run is an agent's.</param>
    public AgentRun(AgentBudget? budget, int maxModelCalls, int maxConsecutiveErrorRounds, IReadOnlyList<string> toolNames, AgentSession? session)
    {
        Budget = budget;
        _maxModelCalls = maxModelCalls;
        _maxConsecutiveErrorRounds = maxConsecutiveErrorRounds;
        ToolNames = toolNames;
        Session = session;
    }

    /// <summary>Gets or sets the run of the current logical flow. Async iterators must set it again after every <c>yield</c>.</summary>
    public static AgentRun? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    public AgentBudget? Budget { get; }

    public IReadOnlyList<string> ToolNames { get; }

    public AgentSession? Session { get; }

    /// <summary>Gets why the run was stopped before a model call, once it was.</summary>
    public AgentRunOutcome? Stop
    {
        get
        {
            lock (_sync)
            {
                return _stop;
            }
        }
    }

    /// <summary>
    /// Decides, before a model call, whether the run may make it. Returns the stop outcome (the same one every time
    /// after the first refusal) or <see langword="null"/> to go ahead.
    /// </summary>
    public AgentRunOutcome? CheckBeforeModelCall()
    {
        lock (_sync)
        {
            return _stop ??= Decide();
        }
    }

    /// <summary>
    /// Ends the run before its next model call for a reason decided outside it (a gate below the ledger, such as a
    /// fleet-wide spend limit). The first stop wins; the call it refused is not recorded.
    /// </summary>
    /// <returns>The run's stop outcome.</returns>
    public AgentRunOutcome StopBeforeModelCall(Func<int, AgentRunOutcome> outcome)
    {
        lock (_sync)
        {
            return _stop ??= outcome(_modelCalls.Count + 1);
        }
    }

    public ModelCallRecord RecordModelCall(ModelCallMeter meter, TimeSpan duration)
    {
        lock (_sync)
        {
            var record = new ModelCallRecord(_modelCalls.Count + 1, meter.ModelId, meter.Usage?.InputTokenCount, meter.Usage?.OutputTokenCount,
                meter.Usage?.TotalTokenCount, meter.EstimatedCost, duration, meter.ToolCalls, meter.Recovered);
            _modelCalls.Add(record);
            _totalTokens += record.TotalTokens ?? 0;
            _estimatedCost += record.EstimatedCostUsd ?? 0;
            return record;
        }
    }

    public void RecordToolDuration(string callId, TimeSpan duration)
    {
        lock (_sync)
        {
            _toolDurations[callId] = duration;
        }
    }

    /// <summary>Records one round of tool results (one per call the model made, in its order) and counts failed rounds.</summary>
    public IReadOnlyList<ToolCallRecord> RecordToolRound(IReadOnlyList<(string CallId, string Name, string? Error)> results)
    {
        lock (_sync)
        {
            var records = new List<ToolCallRecord>(results.Count);
            bool anyFailed = false;
            foreach ((string callId, string name, string? error) in results)
            {
                TimeSpan duration = _toolDurations.TryGetValue(callId, out TimeSpan measured) ? measured : TimeSpan.Zero;
                _toolDurations.Remove(callId);
                records.Add(new ToolCallRecord(_modelCalls.Count, callId, name, duration, error is null, error));
                anyFailed |= error is not null;
            }

            _toolCalls.AddRange(records);
            _consecutiveErrorRounds = anyFailed ? _consecutiveErrorRounds + 1 : 0;
            _errorLimitReached = _maxConsecutiveErrorRounds > 0 && _consecutiveErrorRounds >= _maxConsecutiveErrorRounds;
            return records;
        }
    }

    public AgentRunLedger ToLedger()
    {
        lock (_sync)
        {
            return new AgentRunLedger([.. _modelCalls], [.. _toolCalls], Elapsed.Since(_started));
        }
    }

    private AgentRunOutcome? Decide()
    {
        int next = _modelCalls.Count + 1;
        if (_errorLimitReached)
        {
            return AgentRunOutcome.ConsecutiveErrors(_consecutiveErrorRounds);
        }

        if (Budget?.MaxModelCalls is int maxCalls && _modelCalls.Count >= maxCalls)
        {
            return AgentRunOutcome.BudgetExceeded(AgentBudgetKind.ModelCalls, next, $"its budget of {new AgentBudget { MaxModelCalls = maxCalls }} is spent");
        }

        if (Budget?.MaxTotalTokens is long maxTokens && _totalTokens >= maxTokens)
        {
            return AgentRunOutcome.BudgetExceeded(AgentBudgetKind.TotalTokens, next, $"{Invariant(_totalTokens)} of its {Invariant(maxTokens)} tokens are spent");
        }

        if (Budget?.MaxEstimatedCostUsd is double maxCost && _estimatedCost >= maxCost)
        {
            return AgentRunOutcome.BudgetExceeded(AgentBudgetKind.EstimatedCost, next, $"{Usd.Format(_estimatedCost)} of its {Usd.Format(maxCost)} estimated cost is spent");
        }

        return _modelCalls.Count >= _maxModelCalls ? AgentRunOutcome.IterationLimit(_modelCalls.Count) : null;
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
