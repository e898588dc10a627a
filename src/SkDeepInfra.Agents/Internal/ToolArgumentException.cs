using System;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// The model's arguments for a tool are malformed or break the tool's schema. Its message is written for the model,
/// which receives it whatever <c>IncludeDetailedErrors</c> says: it describes the model's own output, not the application.
/// </summary>
internal sealed class ToolArgumentException : ArgumentException
{
    public ToolArgumentException(string message)
        : base(message)
    {
    }

    public ToolArgumentException()
    {
    }

    public ToolArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
