using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// The prompted tool mode's request: no <c>tools</c>, the tools described in the instructions in the family's format, and
/// the tool loop so far (assistant calls, tool results) written as the family writes them, as text messages.
/// </summary>
internal static class PromptedTools
{
    public static (List<ChatMessage> Messages, ChatOptions Options) Rewrite(IEnumerable<ChatMessage> messages, ChatOptions options, DeepInfraToolCallFormat format)
    {
        ChatOptions prompted = options.Clone();
        prompted.Tools = null;
        prompted.ToolMode = null;
        prompted.AllowMultipleToolCalls = null;
        string prompt = Describe(options.Tools!.OfType<AIFunctionDeclaration>(), format);
        prompted.Instructions = string.IsNullOrEmpty(options.Instructions) ? prompt : options.Instructions + "\n\n" + prompt;

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var rewritten = new List<ChatMessage>();
        foreach (ChatMessage message in messages)
        {
            List<FunctionCallContent> calls = [.. message.Contents.OfType<FunctionCallContent>()];
            List<FunctionResultContent> results = [.. message.Contents.OfType<FunctionResultContent>()];
            if (calls.Count > 0)
            {
                calls.ForEach(c => names[c.CallId] = c.Name);
                List<AIContent> contents = [.. message.Contents.Where(c => c is not FunctionCallContent and not TextContent), new TextContent(Write(calls, format))];
                rewritten.Add(new ChatMessage(ChatRole.Assistant, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId });
            }
            else if (results.Count > 0)
            {
                string text = string.Join("\n", results.Select(r => $"Result of {(names.TryGetValue(r.CallId, out string? name) ? name : "the tool")} ({r.CallId}): {ResultText(r.Result)}"));
                rewritten.Add(new ChatMessage(ChatRole.User, text));
            }
            else
            {
                rewritten.Add(message);
            }
        }

        return (rewritten, prompted);
    }

    /// <summary>The tools and how to call them: one JSON line per tool, then an example call in <paramref name="format"/>.</summary>
    public static string Describe(IEnumerable<AIFunctionDeclaration> tools, DeepInfraToolCallFormat format)
    {
        var text = new StringBuilder("You can call these tools (parameters as JSON Schema):\n");
        foreach (AIFunctionDeclaration tool in tools)
        {
            text.Append(Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("name", tool.Name);
                writer.WriteString("description", tool.Description);
                writer.WritePropertyName("parameters");
                tool.JsonSchema.WriteTo(writer);
                writer.WriteEndObject();
            })).Append('\n');
        }

        var example = new FunctionCallContent("example", "tool_name", new Dictionary<string, object?> { ["argument"] = "value" });
        return text.Append("To call tools, reply with the call(s) only, no other text, written exactly like this:\n")
            .Append(Write([example], format))
            .Append("\nThe results come back in the next message; then answer the user. Call only the tools listed here.")
            .ToString();
    }

    /// <summary>The calls as the family writes them.</summary>
    public static string Write(IReadOnlyList<FunctionCallContent> calls, DeepInfraToolCallFormat format) => format switch
    {
        DeepInfraToolCallFormat.FunctionTag => string.Concat(calls.Select(c => $"<function={c.Name}>{Arguments(c)}</function>")),
        DeepInfraToolCallFormat.Pythonic => "[" + string.Join(", ", calls.Select(c => c.Name + "(" + PythonArguments(c) + ")")) + "]",
        DeepInfraToolCallFormat.Hermes => string.Join("\n", calls.Select(c => "<tool_call>\n" + CallObject(c, "arguments") + "\n</tool_call>")),
        DeepInfraToolCallFormat.Mistral => "[TOOL_CALLS][" + string.Join(", ", calls.Select(c => CallObject(c, "arguments"))) + "]",
        DeepInfraToolCallFormat.DeepSeek => "<｜tool▁calls▁begin｜>"
            + string.Concat(calls.Select(c => $"<｜tool▁call▁begin｜>function<｜tool▁sep｜>{c.Name}\n```json\n{Arguments(c)}\n```<｜tool▁call▁end｜>"))
            + "<｜tool▁calls▁end｜>",
        _ => string.Join("; ", calls.Select(c => CallObject(c, "parameters"))),
    };

    private static string CallObject(FunctionCallContent call, string argumentsKey) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", call.Name);
        writer.WritePropertyName(argumentsKey);
        ArgumentsElement(call).WriteTo(writer);
        writer.WriteEndObject();
    });

    private static string Arguments(FunctionCallContent call) => Json(ArgumentsElement(call).WriteTo);

    private static JsonElement ArgumentsElement(FunctionCallContent call) =>
        JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static string PythonArguments(FunctionCallContent call) =>
        string.Join(", ", ArgumentsElement(call).EnumerateObject().Select(p => p.Name + "=" + Python(p.Value)));

    private static string Python(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Python)) + "]",
        JsonValueKind.Object => "{" + string.Join(", ", value.EnumerateObject().Select(p => Json(w => w.WriteStringValue(p.Name)) + ": " + Python(p.Value))) + "}",
        _ => value.GetRawText(),
    };

    private static string ResultText(object? result) => result switch
    {
        null => "null",
        string text => text,
        JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
    };

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
