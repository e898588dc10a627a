using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Agents.Internal;

/// <summary>Runs one run's input, output and tool guardrails, records each verdict in the run, and ends the run on a trip.</summary>
internal sealed class GuardrailCheck(GuardrailChatClient guardrails, AgentRun run, ILogger logger)
{
    /// <summary>Cancels <paramref name="call"/> as soon as <paramref name="input"/> trips.</summary>
    public static Task CancelWhenTripped(Task<AgentRunOutcome?>? input, CancellationTokenSource call) =>
        input is null
            ? Task.CompletedTask
            : input.ContinueWith(
                static (check, state) =>
                {
                    if (check.Status == TaskStatus.RanToCompletion && check.Result is not null)
                    {
                        try
                        {
                            ((CancellationTokenSource)state!).Cancel();
                        }
                        catch (ObjectDisposedException)
                        {
                            // The call already ended.
                        }
                    }
                },
                call,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);

    /// <returns>The trip outcome, or <see langword="null"/> when every input guardrail passed.</returns>
    public async Task<AgentRunOutcome?> InputAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        int modelCall = run.NextModelCall;
        foreach (IInputGuardrail guardrail in guardrails.InputGuardrails)
        {
            long started = Elapsed.Now();
            GuardrailVerdict verdict = await guardrail.CheckInputAsync(messages, cancellationToken).ConfigureAwait(false);
            GuardrailAction action = verdict.Action == GuardrailAction.Pass ? GuardrailAction.Pass : GuardrailAction.Trip;
            Record(guardrail.Name, GuardrailStage.Input, action, verdict.Reason, started, modelCall);
            if (action == GuardrailAction.Trip)
            {
                return run.StopWith(AgentRunOutcome.GuardrailTripped(guardrail.Name, GuardrailStage.Input, verdict.Reason ?? "no reason given"));
            }
        }

        return null;
    }

    /// <summary>Makes the first model call while the input guardrails run; cancels it when one trips.</summary>
    public static async Task<(ChatResponse? Response, AgentRunOutcome? Trip)> RaceAsync(
        Task<AgentRunOutcome?> input, Func<CancellationToken, Task<ChatResponse>> call, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = CancelWhenTripped(input, linked);
        ChatResponse response;
        try
        {
            response = await call(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && input.IsCompleted)
        {
            return (null, await input.ConfigureAwait(false) ?? throw new InvalidOperationException("The model call was cancelled without a tripped guardrail."));
        }

        AgentRunOutcome? trip = await input.ConfigureAwait(false);
        return trip is null ? (response, null) : (null, trip);
    }

    /// <returns>The trip outcome; or the feedback for another try; or neither when every output guardrail passed.</returns>
    public async ValueTask<(AgentRunOutcome? Trip, string? Feedback)> OutputAsync(ChatMessage answer, int retriesSoFar, CancellationToken cancellationToken)
    {
        foreach (IOutputGuardrail guardrail in guardrails.OutputGuardrails)
        {
            long started = Elapsed.Now();
            GuardrailVerdict verdict = await guardrail.CheckOutputAsync(answer, cancellationToken).ConfigureAwait(false);
            if (verdict.Action == GuardrailAction.Pass)
            {
                Record(guardrail.Name, GuardrailStage.Output, GuardrailAction.Pass, null, started);
                continue;
            }

            if (verdict.Action == GuardrailAction.Retry && retriesSoFar < guardrails.MaximumOutputRetries)
            {
                Record(guardrail.Name, GuardrailStage.Output, GuardrailAction.Retry, verdict.Reason, started);
                return (null, verdict.Reason);
            }

            string reason = verdict.Action == GuardrailAction.Retry
                ? $"the answer still needs changes after {retriesSoFar} retries ({verdict.Reason})"
                : verdict.Reason ?? "no reason given";
            Record(guardrail.Name, GuardrailStage.Output, GuardrailAction.Trip, reason, started);
            return (run.StopWith(AgentRunOutcome.GuardrailTripped(guardrail.Name, GuardrailStage.Output, reason)), null);
        }

        return (null, null);
    }

    /// <summary>Asks each tool guardrail about a call; the first block wins, argument replacements apply in order.</summary>
    /// <returns>The block message, or <see langword="null"/> to run the tool (with <paramref name="context"/>'s arguments, possibly replaced).</returns>
    public async ValueTask<string?> BeforeToolAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        foreach (IToolGuardrail guardrail in guardrails.ToolGuardrails)
        {
            long started = Elapsed.Now();
            ToolCallVerdict verdict = await guardrail.CheckToolCallAsync(context.CallContent, cancellationToken).ConfigureAwait(false);
            Record(guardrail.Name, GuardrailStage.ToolCall, verdict.Action, verdict.Message, started);
            if (verdict.Action == GuardrailAction.Block)
            {
                return verdict.Message;
            }

            if (verdict.Arguments is { } arguments)
            {
                context.Arguments = new AIFunctionArguments(arguments) { Services = context.Arguments.Services, Context = context.Arguments.Context };
            }
        }

        return null;
    }

    /// <summary>Asks each tool guardrail about a result; replacements apply in order.</summary>
    public async ValueTask<object?> AfterToolAsync(FunctionInvocationContext context, object? result, CancellationToken cancellationToken)
    {
        foreach (IToolGuardrail guardrail in guardrails.ToolGuardrails)
        {
            long started = Elapsed.Now();
            ToolResultVerdict verdict = await guardrail.CheckToolResultAsync(context.CallContent, result, cancellationToken).ConfigureAwait(false);
            Record(guardrail.Name, GuardrailStage.ToolResult, verdict.Action, verdict.Reason, started);
            if (verdict.Action == GuardrailAction.ReplaceResult)
            {
                result = verdict.Result;
            }
        }

        return result;
    }

    private void Record(string name, GuardrailStage stage, GuardrailAction action, string? reason, long started, int? modelCall = null)
    {
        run.RecordGuardrail(name, stage, action, reason, Elapsed.Since(started), modelCall);
        if (action != GuardrailAction.Pass)
        {
            Log.GuardrailVerdict(logger, name, stage, action, reason);
        }
    }
}
