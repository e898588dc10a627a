namespace SkDeepInfra.Agents;

/// <summary>Where in a run a guardrail is checked.</summary>
public enum GuardrailStage
{
    /// <summary>On the run's input, before (or while) the first model call is made.</summary>
    Input,

    /// <summary>On the model's final answer (a reply without tool calls).</summary>
    Output,

    /// <summary>On a tool call, before the tool runs.</summary>
    ToolCall,

    /// <summary>On a tool's result, before the model sees it.</summary>
    ToolResult,
}
