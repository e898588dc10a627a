using System.Collections.Generic;
using System.Text.Json;

namespace SkDeepInfra.Testing.Replies;

/// <summary>
/// The emulator's deterministic token estimate: one token per started 4 UTF-16 characters. A prompt costs, per
/// message, max(1, ⌈c/4⌉) where c counts the message's text content plus its tool calls' names and arguments, plus
/// ⌈t/4⌉ where t is the length of the raw <c>tools</c> JSON text; a completion costs max(1, ⌈c/4⌉) where c counts
/// content, reasoning and the tool calls' names and arguments; embedding inputs cost max(1, ⌈c/4⌉) each.
/// </summary>
internal static class TokenEstimator
{
    public static int PromptTokens(EmulatorRequest request)
    {
        int tokens = 0;
        foreach (JsonElement message in request.Messages)
        {
            int characters = MessageText.ContentOf(message).Length + ToolCallCharacters(message);
            tokens += Max1(Tokens(characters));
        }

        if (request.TryGetProperty("tools", out JsonElement tools) && tools.ValueKind == JsonValueKind.Array)
        {
            tokens += Tokens(tools.GetRawText().Length);
        }

        return tokens;
    }

    public static int CompletionTokens(EmulatorReply reply)
    {
        int characters = (reply.Content?.Length ?? 0) + (reply.Reasoning?.Length ?? 0);
        foreach (EmulatorToolCall call in reply.Calls)
        {
            characters += call.Name.Length + call.Arguments.Length;
        }

        return Max1(Tokens(characters));
    }

    public static int InputTokens(IEnumerable<string> inputs)
    {
        int tokens = 0;
        foreach (string input in inputs)
        {
            tokens += Max1(Tokens(input.Length));
        }

        return tokens;
    }

    private static int ToolCallCharacters(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("tool_calls", out JsonElement calls)
            || calls.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }

        int characters = 0;
        foreach (JsonElement call in calls.EnumerateArray())
        {
            if (call.ValueKind == JsonValueKind.Object
                && call.TryGetProperty("function", out JsonElement function)
                && function.ValueKind == JsonValueKind.Object)
            {
                characters += StringLength(function, "name") + StringLength(function, "arguments");
            }
        }

        return characters;
    }

    private static int StringLength(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Length
            : 0;

    private static int Tokens(int characters) => (characters + 3) / 4;

    private static int Max1(int tokens) => tokens < 1 ? 1 : tokens;
}
