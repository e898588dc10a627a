using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Agents;

/// <summary>One tool call of an agent run, as the run ledger recorded it.</summary>
public sealed class ToolCallRecord
{
    /// <summary>Initializes a new instance of the <see cref="ToolCallRecord"/> class.</summary>
    /// <param name="modelCall">The <see cref="ModelCallRecord.Index"/> of the model call that asked for the tool; 0 when it was asked for in an earlier run (an approved call).</param>
    /// <param name="callId">The tool call's id.</param>
    /// <param name="name">The tool's name.</param>
    /// <param name="duration">How long the tool ran, argument checks included; zero for an unknown tool.</param>
    /// <param name="succeeded">Whether the tool returned a result.</param>
    /// <param name="error">Why it failed, when it did.</param>
    [JsonConstructor]
    public ToolCallRecord(int modelCall, string callId, string name, TimeSpan duration, bool succeeded, string? error)
    {
        ModelCall = modelCall;
        CallId = callId ?? throw new ArgumentNullException(nameof(callId));
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Duration = duration;
        Succeeded = succeeded;
        Error = error;
    }

    /// <summary>Gets the <see cref="ModelCallRecord.Index"/> of the model call that asked for the tool; 0 when it was asked for in an earlier run (an approved call).</summary>
    public int ModelCall { get; }

    /// <summary>Gets the tool call's id.</summary>
    public string CallId { get; }

    /// <summary>Gets the tool's name, as the model wrote it.</summary>
    public string Name { get; }

    /// <summary>Gets how long the tool ran, argument checks included; zero for an unknown tool.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets a value indicating whether the tool returned a result.</summary>
    public bool Succeeded { get; }

    /// <summary>Gets why the call failed (the exception's message, invalid arguments, unknown tool), when it did.</summary>
    public string? Error { get; }

    /// <summary>Describes the call, e.g. <c>tool get_weather (call_1): ok, 2 ms</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"tool {Name} ({CallId}): {(Succeeded ? "ok" : "failed: " + Error)}, {Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
}
