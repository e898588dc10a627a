using System.Text.Json;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Examples;

/// <summary>
/// What the emulated model does, computed from each request like a model would: it first writes a weather call as text
/// (<c>&lt;|python_tag|&gt;…</c>, as Llama models sometimes do), then asks for the time and a conversion in parallel, then
/// answers from the three results.
/// </summary>
internal static class TravelScript
{
    public static void Install(DeepInfraEmulator emulator) => emulator.Responder = Reply;

    private static EmulatorReply Reply(EmulatorRequest request)
    {
        List<JsonElement> turn = request.Messages.Reverse().TakeWhile(m => Role(m) != "user").Reverse().ToList();
        string[] results = turn.Where(m => Role(m) == "tool").Select(m => m.GetProperty("content").GetString() ?? string.Empty).ToArray();
        return results.Length switch
        {
            0 => EmulatorReply.Text("""<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}}<|eom_id|>"""),
            1 => EmulatorReply.ToolCalls(
                new EmulatorToolCall("get_local_time", """{"city":"Paris"}""", "call_time"),
                new EmulatorToolCall("convert_currency", """{"amount":200,"from":"EUR","to":"USD"}""", "call_fx")),
            _ => EmulatorReply.Text($"In {results[0]}; it is {After(results[1], ": ")} there, and {results[2]}. Pack an umbrella!"),
        };
    }

    private static string Role(JsonElement message) => message.GetProperty("role").GetString() ?? string.Empty;

    private static string After(string text, string separator) => text[(text.IndexOf(separator, StringComparison.Ordinal) + separator.Length)..];
}
