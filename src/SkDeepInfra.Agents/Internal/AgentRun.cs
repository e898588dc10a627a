using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

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
    private readonly List<GuardrailRecord> _guardrails = [];
    private readonly Dictionary<string, TimeSpan> _toolDurations = new(StringComparer.Ordinal);
    private readonly long _started = Elapsed.Now();
    private readonly int _maxModelCalls;
    private readonly int _maxConsecutiveErrorRounds;
    private int _consecutiveErrorRounds;
    private bool _errorLimitReached;
    private RunSpend _spent;
    private int _toolCallsStarted;
    private AgentRunOutcome? _stop;
    private bool _inputChecked;

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

    /// <summary>Gets the estimate of the next call's input, from the previous call's; model calls of one run are sequential.</summary>
    public PromptTracker Prompt { get; } = new();

    /// <summary>Gets what the run has spent, as its budget counts it.</summary>
    public RunSpend Spent
    {
        get
        {
            lock (_sync)
            {
                return _spent;
            }
        }
    }

    /// <summary>Gets the number of the next model call, from 1.</summary>
    public int NextModelCall
    {
        get
        {
            lock (_sync)
            {
                return _modelCalls.Count + 1;
            }
        }
    }

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

    /// <summary>Ends the run with <paramref name="outcome"/> unless it already has a stop outcome; returns the one that stands.</summary>
    public AgentRunOutcome StopWith(AgentRunOutcome outcome)
    {
        lock (_sync)
        {
            return _stop ??= outcome;
        }
    }

    /// <summary>
    /// Records a model call. The budget charges what the reply reports; what it leaves out is charged at its worst case
    /// (the call's estimated input, its <c>max_tokens</c>), and a missing cost at the known prices.
    /// </summary>
    public ModelCallRecord RecordModelCall(ModelCallMeter meter, TimeSpan duration, in ModelCallPlan plan = default)
    {
        UsageDetails? usage = meter.Usage;
        long input = usage?.InputTokenCount ?? plan.InputEstimate ?? 0;
        long output = usage?.OutputTokenCount ?? plan.MaxOutputTokens ?? 0;
        double? cost = meter.EstimatedCost
            ?? (usage?.InputTokenCount is not null || usage?.OutputTokenCount is not null
                ? (double?)CallCeiling.CostAt(plan.Pricing, usage!.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0)
                : null);
        decimal charged = meter.EstimatedCost is double reported
            ? CallCeiling.ToDecimal(reported)
            : CallCeiling.CostAt(plan.Pricing, input, output) ?? 0;
        lock (_sync)
        {
            var record = new ModelCallRecord(_modelCalls.Count + 1, meter.ModelId, usage?.InputTokenCount, usage?.OutputTokenCount,
                usage?.TotalTokenCount, cost, duration, meter.ToolCalls, meter.Recovered);
            _modelCalls.Add(record);
            _spent = new RunSpend(_spent.InputTokens + input, _spent.OutputTokens + output,
                _spent.TotalTokens + Math.Max(record.TotalTokens ?? 0, input + output), _spent.CostUsd + charged);
            return record;
        }
    }

    /// <summary>
    /// Decides, before a tool runs, whether the budget allows it (<see cref="AgentBudget.MaxToolCalls"/>,
    /// <see cref="AgentBudget.MaxDuration"/>). A refusal ends the run before its next model call.
    /// </summary>
    /// <returns>The outcome that refused the call, or <see langword="null"/> to run it.</returns>
    public AgentRunOutcome? CheckBeforeToolCall()
    {
        lock (_sync)
        {
            if (_stop is { } stopped)
            {
                return stopped;
            }

            if (Budget?.MaxToolCalls is int maxTools && _toolCallsStarted >= maxTools)
            {
                return _stop = AgentRunOutcome.ToolBudgetExceeded(AgentBudgetKind.ToolCalls, $"its budget of {new AgentBudget { MaxToolCalls = maxTools }} is spent");
            }

            if (DurationExceeded() is { } spent)
            {
                return _stop = AgentRunOutcome.ToolBudgetExceeded(AgentBudgetKind.Duration, spent);
            }

            _toolCallsStarted++;
            return null;
        }
    }

    /// <summary>Returns <see langword="true"/> once per run: the first model call's input is checked by input guardrails.</summary>
    public bool BeginInputCheck()
    {
        lock (_sync)
        {
            bool first = !_inputChecked;
            _inputChecked = true;
            return first;
        }
    }

    /// <summary>Records a guardrail verdict; <paramref name="modelCall"/> is the call it concerns, by default the last one made.</summary>
    public void RecordGuardrail(string name, GuardrailStage stage, GuardrailAction action, string? reason, TimeSpan duration, int? modelCall = null)
    {
        lock (_sync)
        {
            _guardrails.Add(new GuardrailRecord(modelCall ?? _modelCalls.Count, name, stage, action, reason, duration));
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
            return new AgentRunLedger([.. _modelCalls], [.. _toolCalls], Elapsed.Since(_started), [.. _guardrails]);
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

        if (Budget?.MaxTotalTokens is long maxTokens && _spent.TotalTokens >= maxTokens)
        {
            return AgentRunOutcome.BudgetExceeded(AgentBudgetKind.TotalTokens, next, $"{Invariant(_spent.TotalTokens)} of its {Invariant(maxTokens)} tokens are spent");
        }

        if (Budget?.MaxInputTokens is long maxInput && _spent.InputTokens >= maxInput)
        {
            return AgentRunOutcome.BudgetExceeded(AgentBudgetKind.InputTokens, next, $"{Invariant(_spent.InputTokens)} of its {Invariant(maxInput)} input tokens are spent");
        }

        if (Budget?.MaxOutputTokens is long maxOutput && _spent.OutputTokens >= maxOutput)
        {
            return AgentRunOutcome.BudgetExceeded(AgentBudgetKind.OutputTokens, next, $"{Invariant(_spent.OutputTokens)} of its {Invariant(maxOutput)} output tokens are spent");
        }

        if (Budget?.MaxEstimatedCostUsd is double maxCost && _spent.CostUsd >= CallCeiling.ToDecimal(maxCost))
        {
            return AgentRunOutcome.BudgetExceeded(AgentBudgetKind.EstimatedCost, next, $"{Usd.Format((double)_spent.CostUsd)} of its {Usd.Format(maxCost)} estimated cost is spent");
        }

        if (DurationExceeded() is { } elapsed)
        {
            return AgentRunOutcome.BudgetExceeded(AgentBudgetKind.Duration, next, elapsed);
        }

        return _modelCalls.Count >= _maxModelCalls ? AgentRunOutcome.IterationLimit(_modelCalls.Count) : null;
    }

    private string? DurationExceeded()
    {
        if (Budget?.MaxDuration is not TimeSpan maxDuration)
        {
            return null;
        }

        TimeSpan elapsed = Elapsed.Since(_started);
        return elapsed >= maxDuration
            ? $"{elapsed.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s of its {new AgentBudget { MaxDuration = maxDuration }} are spent"
            : null;
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
