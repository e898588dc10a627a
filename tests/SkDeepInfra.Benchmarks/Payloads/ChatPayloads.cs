using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SkDeepInfra.Benchmarks.Payloads;

/// <summary>
/// The bytes every contender reads, shaped as DeepInfra sends them: a ~1 KB chat completion, and a stream of 500
/// content chunks whose finish chunk carries usage and <c>estimated_cost</c>, then <c>[DONE]</c>.
/// </summary>
internal static class ChatPayloads
{
    public const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    public const int StreamedChunks = 500;
    public const int PromptTokens = 57;
    public const int CompletionTokens = 256;
    public const double EstimatedCost = 0.0000189;

    private static readonly string[] s_words =
    [
        " The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ",", " and", " then",
        " it", " rests", " under", " a", " \"tall\"", " oak", " tree", ".\n\n",
    ];

    /// <summary>~1 KB of text with newlines and quotes, so every JSON reader unescapes.</summary>
    public static string AnswerText { get; } = Words(170);

    /// <summary>The concatenated text of the streamed chunks.</summary>
    public static string StreamedText { get; } = Words(StreamedChunks);

    public static byte[] Completion { get; } = CompletionFor(AnswerText);

    public static string ShortAnswerText => "It is sunny and 21 °C in Paris; pack light.";

    public static byte[] ShortCompletion { get; } = CompletionFor(ShortAnswerText);

    public static byte[] Stream { get; } = BuildStream();

    /// <summary>The stream split after its first event: the gate of the first-update workload.</summary>
    public static (byte[] First, byte[] Remainder) StreamSplitAfterFirstEvent()
    {
        int end = Stream.AsSpan().IndexOf("\n\n"u8) + 2;
        return (Stream[..end], Stream[end..]);
    }

    private static string Words(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append(s_words[i % s_words.Length]);
        }

        return text.ToString();
    }

    private static byte[] CompletionFor(string text) => Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-b23a3fb60cde42ce8f24bb980b4dee87\",\"object\":\"chat.completion\",\"created\":1715688169," +
        $"\"model\":\"{Model}\",\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{JsonSerializer.Serialize(text)}}}," +
        $"\"finish_reason\":\"stop\"}}],{Usage()}}}");

    private static byte[] BuildStream()
    {
        var sse = new StringBuilder();
        const string Head = "data: {\"id\":\"chatcmpl-Rc5hsIPHOSfMP3rNSFUw9tfR\",\"object\":\"chat.completion.chunk\",\"created\":1694623354,\"model\":\"" + Model + "\",\"choices\":[{\"index\":0,";
        for (int i = 0; i < StreamedChunks; i++)
        {
            string word = JsonSerializer.Serialize(s_words[i % s_words.Length]);
            sse.Append(Head).Append("\"delta\":{\"role\":\"assistant\",\"content\":").Append(word).Append("},\"finish_reason\":null}]}\n\n");
        }

        sse.Append(Head).Append("\"delta\":{},\"finish_reason\":\"stop\"}],").Append(Usage()).Append("}\n\n");
        sse.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    private static string Usage() => string.Create(
        CultureInfo.InvariantCulture,
        $"\"usage\":{{\"prompt_tokens\":{PromptTokens},\"completion_tokens\":{CompletionTokens},\"total_tokens\":{PromptTokens + CompletionTokens},\"estimated_cost\":0.0000189}}");
}
