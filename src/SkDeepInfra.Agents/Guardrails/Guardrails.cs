using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents;

/// <summary>Guardrails from delegates.</summary>
public static class Guardrails
{
    /// <summary>An input guardrail that runs <paramref name="check"/>.</summary>
    /// <param name="name">The guardrail's name.</param>
    /// <param name="check">Decides on the run's messages.</param>
    /// <returns>The guardrail.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="check"/> is null.</exception>
    public static IInputGuardrail Input(string name, Func<IReadOnlyList<ChatMessage>, CancellationToken, ValueTask<GuardrailVerdict>> check) =>
        new InputGuardrail(GuardrailVerdict.Required(name, nameof(name)), check ?? throw new ArgumentNullException(nameof(check)));

    /// <summary>An output guardrail that runs <paramref name="check"/> on the answer's text.</summary>
    /// <param name="name">The guardrail's name.</param>
    /// <param name="check">Decides on the answer's text.</param>
    /// <returns>The guardrail.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="check"/> is null.</exception>
    public static IOutputGuardrail Output(string name, Func<string, CancellationToken, ValueTask<GuardrailVerdict>> check) =>
        new OutputGuardrail(GuardrailVerdict.Required(name, nameof(name)), check ?? throw new ArgumentNullException(nameof(check)));

    /// <summary>A tool guardrail from a check before the call and, optionally, one on the result.</summary>
    /// <param name="name">The guardrail's name.</param>
    /// <param name="beforeCall">Decides on each call before the tool runs; <see langword="null"/> allows every call.</param>
    /// <param name="afterCall">Decides on each result; <see langword="null"/> keeps every result.</param>
    /// <returns>The guardrail.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public static IToolGuardrail Tool(
        string name,
        Func<FunctionCallContent, CancellationToken, ValueTask<ToolCallVerdict>>? beforeCall = null,
        Func<FunctionCallContent, object?, CancellationToken, ValueTask<ToolResultVerdict>>? afterCall = null) =>
        new ToolGuardrail(GuardrailVerdict.Required(name, nameof(name)), beforeCall, afterCall);

    private sealed class InputGuardrail(string name, Func<IReadOnlyList<ChatMessage>, CancellationToken, ValueTask<GuardrailVerdict>> check) : IInputGuardrail
    {
        public string Name => name;

        public ValueTask<GuardrailVerdict> CheckInputAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken) => check(messages, cancellationToken);
    }

    private sealed class OutputGuardrail(string name, Func<string, CancellationToken, ValueTask<GuardrailVerdict>> check) : IOutputGuardrail
    {
        public string Name => name;

        public ValueTask<GuardrailVerdict> CheckOutputAsync(ChatMessage answer, CancellationToken cancellationToken) => check(answer.Text, cancellationToken);
    }

    private sealed class ToolGuardrail(
        string name,
        Func<FunctionCallContent, CancellationToken, ValueTask<ToolCallVerdict>>? beforeCall,
        Func<FunctionCallContent, object?, CancellationToken, ValueTask<ToolResultVerdict>>? afterCall) : IToolGuardrail
    {
        public string Name => name;

        public ValueTask<ToolCallVerdict> CheckToolCallAsync(FunctionCallContent toolCall, CancellationToken cancellationToken) =>
            beforeCall?.Invoke(toolCall, cancellationToken) ?? new(ToolCallVerdict.Allow);

        public ValueTask<ToolResultVerdict> CheckToolResultAsync(FunctionCallContent toolCall, object? result, CancellationToken cancellationToken) =>
            afterCall?.Invoke(toolCall, result, cancellationToken) ?? new(ToolResultVerdict.Keep);
    }
}
