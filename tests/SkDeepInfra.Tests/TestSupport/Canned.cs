namespace SkDeepInfra.TestSupport;

/// <summary>Short DeepInfra replies, shaped like the captures in TestData.</summary>
public static class Canned
{
    public const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    public const string EmbeddingModel = "BAAI/bge-large-en-v1.5";

    /// <summary>Little-endian float32 bytes in base64, as DeepInfra sends <c>encoding_format: base64</c>.</summary>
    public static string Base64(params float[] vector) =>
        Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));

    /// <summary>An embeddings reply with one base64 vector per entry, at the given indexes, and usage.</summary>
    public static string Embeddings(IEnumerable<(int Index, float[] Vector)> items, int promptTokens = 6, double? cost = 0.00000006, string model = EmbeddingModel)
    {
        string data = string.Join(",", items.Select(item => $$"""{"object":"embedding","index":{{item.Index}},"embedding":"{{Base64(item.Vector)}}"}"""));
        string costJson = cost is double c ? ",\"estimated_cost\":" + c.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        return $$$"""{"object":"list","data":[{{{data}}}],"model":"{{{model}}}","usage":{"prompt_tokens":{{{promptTokens}}},"total_tokens":{{{promptTokens}}}{{{costJson}}}}}""";
    }

    public const string DefaultUsage = """{"prompt_tokens":15,"completion_tokens":16,"total_tokens":31,"estimated_cost":0.0000268}""";

    public static string Completion(string content = "Hello!", string finishReason = "stop", string? usage = DefaultUsage)
    {
        string usagePart = usage is null ? string.Empty : ",\"usage\":" + usage;
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1694623155,\"model\":\"" + Model + "\"," +
            "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + JsonSerializer.Serialize(content) + "},\"finish_reason\":\"" + finishReason + "\"}]" +
            usagePart + "}";
    }

    public static string ToolCallCompletion(params (string Id, string Name, string Arguments)[] calls)
    {
        string toolCalls = string.Join(",", calls.Select(c =>
            "{\"id\":\"" + c.Id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + c.Name + "\",\"arguments\":" + JsonSerializer.Serialize(c.Arguments) + "}}"));
        return "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1694623155,\"model\":\"" + Model + "\"," +
            "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + toolCalls + "]},\"finish_reason\":\"tool_calls\"}]," +
            "\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":20,\"total_tokens\":60,\"estimated_cost\":0.00001}}";
    }

    /// <summary>An SSE body from data payloads, each as one event, ending with [DONE] unless told otherwise.</summary>
    public static string Sse(IEnumerable<string> data, bool done = true) =>
        string.Concat(data.Select(d => "data: " + d + "\n\n")) + (done ? "data: [DONE]\n\n" : string.Empty);

    /// <summary>One stream chunk: content (or none), finish reason (or null), raw extra delta members, raw usage.</summary>
    public static string Chunk(string? content = null, string? finishReason = null, string? extraDelta = null, string? usage = null)
    {
        var delta = new List<string> { "\"role\":\"assistant\"" };
        if (content is not null)
        {
            delta.Add("\"content\":" + JsonSerializer.Serialize(content));
        }

        if (extraDelta is not null)
        {
            delta.Add(extraDelta);
        }

        string finish = finishReason is null ? "null" : "\"" + finishReason + "\"";
        string usagePart = usage is null ? string.Empty : ",\"usage\":" + usage;
        return "{\"id\":\"chunk-1\",\"object\":\"chat.completion.chunk\",\"created\":1694623354,\"model\":\"" + Model + "\"," +
            "\"choices\":[{\"index\":0,\"delta\":{" + string.Join(",", delta) + "},\"finish_reason\":" + finish + "}]" + usagePart + "}";
    }
}
