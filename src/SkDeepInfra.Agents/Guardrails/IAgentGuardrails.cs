using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents;

/// <summary>
/// An input guardrail: checks a run's input before (or while) its first model call is made. Implement it as a class (one
/// can call a cheaper DeepInfra model), or make one from a delegate with <see cref="Guardrails.Input"/>.
/// </summary>
public interface IInputGuardrail
{
    /// <summary>Gets the guardrail's name, as the ledger and the outcome show it.</summary>
    string Name { get; }

    /// <summary>Checks the messages the run starts with.</summary>
    /// <param name="messages">The run's messages.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The verdict.</returns>
    ValueTask<GuardrailVerdict> CheckInputAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken);
}

/// <summary>An output guardrail: checks the model's final answer (a reply without tool calls). Make one from a delegate with <see cref="Guardrails.Output"/>.</summary>
public interface IOutputGuardrail
{
    /// <summary>Gets the guardrail's name, as the ledger and the outcome show it.</summary>
    string Name { get; }

    /// <summary>Checks an answer.</summary>
    /// <param name="answer">The model's reply.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The verdict: pass, trip, or retry with feedback.</returns>
    ValueTask<GuardrailVerdict> CheckOutputAsync(ChatMessage answer, CancellationToken cancellationToken);
}

/// <summary>A tool guardrail: checks each tool call before the tool runs, and its result after. Make one from delegates with <see cref="Guardrails.Tool"/>.</summary>
public interface IToolGuardrail
{
    /// <summary>Gets the guardrail's name, as the ledger shows it.</summary>
    string Name { get; }

    /// <summary>Checks a tool call before it runs.</summary>
    /// <param name="toolCall">The call, with the model's arguments.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Allow, block, or replace the arguments.</returns>
    ValueTask<ToolCallVerdict> CheckToolCallAsync(FunctionCallContent toolCall, CancellationToken cancellationToken);

    /// <summary>Checks a tool's result before the model sees it.</summary>
    /// <param name="toolCall">The call.</param>
    /// <param name="result">What the tool returned.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Keep or replace the result.</returns>
    ValueTask<ToolResultVerdict> CheckToolResultAsync(FunctionCallContent toolCall, object? result, CancellationToken cancellationToken);
}
