namespace SkDeepInfra.Testing;

/// <summary>How an <see cref="EmulatorPersona"/> writes the tool calls of an <see cref="EmulatorReply.ToolCalls"/> reply.</summary>
public enum EmulatorToolCallStyle
{
    /// <summary>As <c>tool_calls</c>, the way the service sends them when its parser understands the model.</summary>
    Native,

    /// <summary>As text: <c>&lt;|python_tag|&gt;{"name": …, "parameters": {…}}</c>, several joined by <c>;</c> (Llama 3.1).</summary>
    Json,

    /// <summary>As text: <c>&lt;function=name&gt;{…}&lt;/function&gt;</c> (Llama 3.1 custom tools).</summary>
    FunctionTag,

    /// <summary>As text: <c>[name(key="value"), …]</c> (Llama 3.2, Llama 4, Gemma 3).</summary>
    Pythonic,

    /// <summary>As text: <c>&lt;tool_call&gt;{"name": …, "arguments": {…}}&lt;/tool_call&gt;</c> per call (Hermes, Qwen).</summary>
    Hermes,

    /// <summary>As text: <c>[TOOL_CALLS][{"name": …, "arguments": {…}}]</c> (Mistral).</summary>
    Mistral,

    /// <summary>As text: DeepSeek V3's <c>&lt;｜tool▁calls▁begin｜&gt;</c> tokens with a fenced JSON block per call.</summary>
    DeepSeek,
}
