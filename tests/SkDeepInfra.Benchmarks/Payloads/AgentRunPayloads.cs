using System.Text;

namespace SkDeepInfra.Benchmarks.Payloads;

/// <summary>
/// A three-step tool run as DeepInfra replies to it: the model calls <c>get_weather</c>, then <c>get_forecast</c>, then
/// answers; each reply with usage and <c>estimated_cost</c>. As JSON bodies and as SSE streams.
/// </summary>
internal static class AgentRunPayloads
{
    public const string Answer = "Paris is 18 °C now and sunny for the next 3 days.";

    public static byte[][] Completions { get; } =
    [
        Completion(ToolCall("call_1", "get_weather", """{\"city\":\"Paris\"}"""), "tool_calls"),
        Completion(ToolCall("call_2", "get_forecast", """{\"city\":\"Paris\",\"days\":3}"""), "tool_calls"),
        Completion($"\"content\":\"{Answer}\"", "stop"),
    ];

    public static byte[][] Streams { get; } =
    [
        Stream("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}""", "tool_calls"),
        Stream("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_2","type":"function","function":{"name":"get_forecast","arguments":"{\"city\":\"Paris\",\"days\":3}"}}]}""", "tool_calls"),
        Stream($$$"""{"role":"assistant","content":"{{{Answer}}}"}""", "stop"),
    ];

    private static string ToolCall(string id, string name, string arguments) =>
        $$$"""
        "content":null,"tool_calls":[{"id":"{{{id}}}","type":"function","function":{"name":"{{{name}}}","arguments":"{{{arguments}}}"}}]
        """;

    private static byte[] Completion(string message, string finishReason) => Encoding.UTF8.GetBytes(
        $$$"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1733000000,"model":"{{{ChatPayloads.Model}}}","choices":[{"index":0,"message":{"role":"assistant",{{{message}}}},"finish_reason":"{{{finishReason}}}"}],"usage":{"prompt_tokens":240,"completion_tokens":24,"total_tokens":264,"estimated_cost":0.0000084}}
        """);

    private static byte[] Stream(string delta, string finishReason) => Encoding.UTF8.GetBytes(
        $$$"""
        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1733000000,"model":"{{{ChatPayloads.Model}}}","choices":[{"index":0,"delta":{{{delta}}},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1733000000,"model":"{{{ChatPayloads.Model}}}","choices":[{"index":0,"delta":{},"finish_reason":"{{{finishReason}}}"}],"usage":{"prompt_tokens":240,"completion_tokens":24,"total_tokens":264,"estimated_cost":0.0000084}}

        data: [DONE]


        """);
}
