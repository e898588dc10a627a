namespace SkDeepInfra;

/// <summary>How a model family writes tool calls as text, and the format a prompted tool mode asks it for.</summary>
public enum DeepInfraToolCallFormat
{
    /// <summary>A JSON object <c>{"name": …, "parameters": {…}}</c>, optionally after <c>&lt;|python_tag|&gt;</c> (Llama 3.1 and 3.3's JSON tool calling).</summary>
    Json,

    /// <summary>Llama 3.1's custom tool format: <c>&lt;function=name&gt;{…}&lt;/function&gt;</c>.</summary>
    FunctionTag,

    /// <summary>Python calls in a list: <c>[get_weather(city="Paris"), …]</c> (Llama 3.2, Llama 4, Gemma 3).</summary>
    Pythonic,

    /// <summary>Hermes' <c>&lt;tool_call&gt;{"name": …, "arguments": {…}}&lt;/tool_call&gt;</c>, one or several (Qwen2.5, Qwen3, QwQ, Hermes).</summary>
    Hermes,

    /// <summary>Mistral's <c>[TOOL_CALLS][{…}]</c> or <c>[TOOL_CALLS]name[ARGS]{…}</c>.</summary>
    Mistral,

    /// <summary>DeepSeek V3's <c>&lt;｜tool▁calls▁begin｜&gt;…&lt;｜tool▁sep｜&gt;name</c> followed by a fenced JSON block.</summary>
    DeepSeek,
}
