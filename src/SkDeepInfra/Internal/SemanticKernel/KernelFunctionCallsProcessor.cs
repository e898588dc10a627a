using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkFunctionCall = Microsoft.SemanticKernel.FunctionCallContent;
using SkFunctionResult = Microsoft.SemanticKernel.FunctionResultContent;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Invokes one reply's function calls the way Semantic Kernel's first-party connectors do, with its public types: the reply
/// goes into the caller's history, each call runs through <see cref="Kernel.AutoFunctionInvocationFilters"/> (which see that
/// same history and the caller's settings, and may terminate) and the kernel function (and so its
/// <see cref="Kernel.FunctionInvocationFilters"/>), optionally concurrently; every call gets a tool message, an error string
/// for one that cannot run.
/// </summary>
internal static class KernelFunctionCallsProcessor
{
    /// <summary>Auto-invocations in flight in this asynchronous flow (a value per flow, despite the field being static).</summary>
    private static readonly AsyncLocal<int> s_inflight = new();

    public static int InflightAutoInvokes => s_inflight.Value;

    /// <summary>
    /// Runs the calls; returns the last history message when a filter asked to terminate, otherwise <see langword="null"/>.
    /// Every message added to <paramref name="history"/> is also added to <paramref name="added"/>.
    /// </summary>
    public static async Task<ChatMessageContent?> ProcessAsync(
        ChatMessageContent reply,
        PromptExecutionSettings executionSettings,
        ChatHistory history,
        int requestIndex,
        KernelFunctionTools tools,
        Kernel kernel,
        bool isStreaming,
        List<ChatMessageContent> added,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        Add(history, added, reply);
        var calls = new List<SkFunctionCall>();
        foreach (KernelContent item in reply.Items)
        {
            if (item is SkFunctionCall call)
            {
                calls.Add(call);
            }
        }

        List<Task<Outcome>>? concurrent = tools.Options.AllowConcurrentInvocation && calls.Count > 1 ? new(calls.Count) : null;
        for (int i = 0; i < calls.Count; i++)
        {
            SkFunctionCall call = calls[i];
            if (!TryFindFunction(call, tools, kernel, out KernelFunction? function, out string? error))
            {
                FunctionCallingLog.CallRejected(logger, call.Id, ChatHistoryMapper.FullyQualifiedName(call), error!);
                AddResult(history, added, call, null, error);
                continue;
            }

            var context = new AutoFunctionInvocationContext(kernel, function, new FunctionResult(function, culture: kernel.Culture), history, reply)
            {
                Arguments = call.Arguments,
                RequestSequenceIndex = requestIndex,
                FunctionSequenceIndex = i,
                FunctionCount = calls.Count,
                CancellationToken = cancellationToken,
                IsStreaming = isStreaming,
                ToolCallId = call.Id,
                ExecutionSettings = executionSettings,
            };

            s_inflight.Value++;
            Task<Outcome> invocation = InvokeAsync(context, call, function, kernel, logger, cancellationToken);
            if (concurrent is not null)
            {
                concurrent.Add(invocation);
                continue;
            }

            Outcome outcome = await invocation.ConfigureAwait(false);
            AddResult(history, added, call, outcome.Result, outcome.Error);
            if (outcome.Context.Terminate)
            {
                FunctionCallingLog.Terminated(logger, ChatHistoryMapper.FullyQualifiedName(call), requestIndex);
                return history[history.Count - 1];
            }
        }

        if (concurrent is null)
        {
            return null;
        }

        bool terminate = false;
        foreach (Outcome outcome in await Task.WhenAll(concurrent).ConfigureAwait(false))
        {
            AddResult(history, added, outcome.Call, outcome.Result, outcome.Error);
            if (outcome.Context.Terminate)
            {
                FunctionCallingLog.Terminated(logger, ChatHistoryMapper.FullyQualifiedName(outcome.Call), requestIndex);
                terminate = true;
            }
        }

        return terminate ? history[history.Count - 1] : null;
    }

    private static bool TryFindFunction(SkFunctionCall call, KernelFunctionTools tools, Kernel kernel, out KernelFunction function, out string? error)
    {
        function = null!;
        if (call.Exception is not null)
        {
            error = $"Error: Function call processing failed. Correct yourself. {call.Exception.Message}";
            return false;
        }

        if (!tools.IsAdvertised(call))
        {
            error = "Error: Function call request for a function that wasn't defined. Correct yourself.";
            return false;
        }

        if (kernel.Plugins.TryGetFunction(call.PluginName, call.FunctionName, out KernelFunction? found))
        {
            function = found;
            error = null;
            return true;
        }

        error = "Error: Requested function could not be found. Correct yourself.";
        return false;
    }

    private static async Task<Outcome> InvokeAsync(AutoFunctionInvocationContext context, SkFunctionCall call, KernelFunction function, Kernel kernel, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await InvokeFilterOrFunctionAsync(kernel.AutoFunctionInvocationFilters, 0, context, function, kernel, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // As in Semantic Kernel, a failing function is reported to the model, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FunctionCallingLog.FunctionFailed(logger, ex, ChatHistoryMapper.FullyQualifiedName(call), call.Id);
            return new Outcome(context, call, null, $"Error: Exception while invoking function. {ex.Message}");
        }

        return new Outcome(context, call, ToResult(context.Result.GetValue<object>()), null);
    }

    private static Task InvokeFilterOrFunctionAsync(
        IList<IAutoFunctionInvocationFilter> filters,
        int index,
        AutoFunctionInvocationContext context,
        KernelFunction function,
        Kernel kernel,
        CancellationToken cancellationToken)
    {
        if (index < filters.Count)
        {
            return filters[index].OnAutoFunctionInvocationAsync(context, next => InvokeFilterOrFunctionAsync(filters, index + 1, next, function, kernel, cancellationToken));
        }

        return InvokeFunctionAsync(context, function, kernel, cancellationToken);
    }

    private static async Task InvokeFunctionAsync(AutoFunctionInvocationContext context, KernelFunction function, Kernel kernel, CancellationToken cancellationToken)
    {
        if (context.Terminate)
        {
            return;
        }

        // The call's settings are not passed on: they belong to this chat call, not to the function's own model calls.
        context.Result = await function.InvokeAsync(kernel, context.Arguments, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A string or an image as it is (the history keeps the image; the request tells the model it cannot see it), anything else as text.</summary>
    private static object ToResult(object? value) => value switch
    {
        null => string.Empty,
        string or ImageContent => value,
        _ => ChatHistoryMapper.ToResultText(value),
    };

    private static void AddResult(ChatHistory history, List<ChatMessageContent> added, SkFunctionCall call, object? result, string? error)
    {
        var message = new ChatMessageContent(AuthorRole.Tool, content: (result as string) ?? error);
        message.Items.Add(new SkFunctionResult(call.FunctionName, call.PluginName, call.Id, result ?? error ?? string.Empty));
        Add(history, added, message);
    }

    private static void Add(ChatHistory history, List<ChatMessageContent> added, ChatMessageContent message)
    {
        history.Add(message);
        added.Add(message);
    }

    private readonly record struct Outcome(AutoFunctionInvocationContext Context, SkFunctionCall Call, object? Result, string? Error);
}
