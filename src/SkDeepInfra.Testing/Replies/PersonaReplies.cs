using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Shapes a scripted reply as a persona writes it: tool calls as text in its format, reasoning inline.</summary>
internal static class PersonaReplies
{
    public static EmulatorReply Apply(EmulatorReply reply, EmulatorPersona persona)
    {
        if (reply.IsRaw)
        {
            return reply;
        }

        string? content = reply.Content;
        string? reasoning = reply.Reasoning;
        IReadOnlyList<EmulatorToolCall> calls = reply.Calls;
        if (calls.Count > 0 && persona.ToolCallStyle != EmulatorToolCallStyle.Native)
        {
            content = Write(calls, persona.ToolCallStyle);
            calls = [];
        }

        if (reasoning is not null && persona.InlineReasoning)
        {
            content = "<think>\n" + reasoning + "\n</think>\n\n" + content;
            reasoning = null;
        }

        return reply.Reshaped(content, reasoning, calls);
    }

    /// <summary>The calls as the style writes them; arguments are the calls' JSON.</summary>
    public static string Write(IReadOnlyList<EmulatorToolCall> calls, EmulatorToolCallStyle style) => style switch
    {
        EmulatorToolCallStyle.Json => string.Join("; ", calls.Select(c => $$"""<|python_tag|>{"name": "{{c.Name}}", "parameters": {{c.Arguments}}}""")),
        EmulatorToolCallStyle.FunctionTag => string.Concat(calls.Select(c => $"<function={c.Name}>{c.Arguments}</function>")),
        EmulatorToolCallStyle.Pythonic => "[" + string.Join(", ", calls.Select(c => c.Name + "(" + PythonArguments(c.Arguments) + ")")) + "]",
        EmulatorToolCallStyle.Hermes => string.Join("\n", calls.Select(c => $$"""<tool_call>{{"\n"}}{"name": "{{c.Name}}", "arguments": {{c.Arguments}}}{{"\n"}}</tool_call>""")),
        EmulatorToolCallStyle.Mistral => "[TOOL_CALLS][" + string.Join(", ", calls.Select(c => $$"""{"name": "{{c.Name}}", "arguments": {{c.Arguments}}}""")) + "]",
        EmulatorToolCallStyle.DeepSeek => "<｜tool▁calls▁begin｜>"
            + string.Concat(calls.Select(c => $"<｜tool▁call▁begin｜>function<｜tool▁sep｜>{c.Name}\n```json\n{c.Arguments}\n```<｜tool▁call▁end｜>"))
            + "<｜tool▁calls▁end｜>",
        _ => string.Empty,
    };

    private static string PythonArguments(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? string.Join(", ", document.RootElement.EnumerateObject().Select(p => p.Name + "=" + Python(p.Value)))
            : string.Empty;
    }

    private static string Python(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Python)) + "]",
        JsonValueKind.Object => "{" + string.Join(", ", value.EnumerateObject().Select(p => "\"" + JsonEncodedText.Encode(p.Name) + "\": " + Python(p.Value))) + "}",
        _ => value.GetRawText(),
    };
}
