using System.Text.Json;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Examples;

/// <summary>Emulator scripts shared by the tool-calling examples: computed from each request, like a model would.</summary>
public static class ExampleScripts
{
    /// <summary>
    /// First call: asks for the first offered tool with <paramref name="argumentsJson"/>. Once the conversation ends in a
    /// tool result: answers with <paramref name="answer"/> applied to that result.
    /// </summary>
    public static void CallFirstToolThenAnswer(DeepInfraEmulator emulator, string argumentsJson, Func<string, string> answer) =>
        emulator.Responder = request =>
        {
            JsonElement last = request.Messages[^1];
            if (last.GetProperty("role").GetString() == "tool")
            {
                return EmulatorReply.Text(answer(last.GetProperty("content").GetString() ?? string.Empty));
            }

            string tool = request.Tools[0].GetProperty("function").GetProperty("name").GetString()!;
            return EmulatorReply.ToolCalls(new EmulatorToolCall(tool, argumentsJson));
        };
}
