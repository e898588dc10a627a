using System;

namespace SkDeepInfra.Agents.Internal;

/// <summary>The run's budget does not allow another tool call. Its message is written for the model, which receives it as the call's result.</summary>
internal sealed class ToolCallRefusedException : InvalidOperationException
{
    public ToolCallRefusedException(string message)
        : base(message)
    {
    }

    public ToolCallRefusedException()
    {
    }

    public ToolCallRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
