using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.TestSupport;

/// <summary>Builds the Semantic Kernel facade over a <see cref="RecordingHandler"/>, plus stream replies for its tests.</summary>
public static class TestServices
{
    public static Uri Endpoint { get; } = new("https://deepinfra.test/v1/openai/");

    /// <summary>The usage of <see cref="Canned.ToolCallCompletion"/>, for streams that stand in for it.</summary>
    public const string ToolCallUsage = """{"prompt_tokens":40,"completion_tokens":20,"total_tokens":60,"estimated_cost":0.00001}""";

    /// <summary>A service over <paramref name="handler"/>; retries off unless asked for, and never slept.</summary>
    public static DeepInfraChatCompletionService Create(RecordingHandler handler, ILoggerFactory? loggerFactory = null, int maxRetries = 0, string model = Canned.Model)
    {
        var options = new DeepInfraClientOptions { ApiKey = TestClients.ApiKey, Endpoint = Endpoint, MaxRetries = maxRetries };
        var service = new DeepInfraChatCompletionService(model, options, new HttpClient(handler), loggerFactory);
        ((DeepInfraChatClient)service.ChatClient).Pipeline.Delay = static (_, _) => Task.CompletedTask;
        return service;
    }

    /// <summary>A kernel holding <paramref name="plugins"/>.</summary>
    public static Kernel CreateKernel(params KernelPlugin[] plugins)
    {
        var kernel = new Kernel();
        foreach (KernelPlugin plugin in plugins)
        {
            kernel.Plugins.Add(plugin);
        }

        return kernel;
    }

    /// <summary>A stream whose first chunk carries complete tool calls and whose finish chunk carries usage.</summary>
    public static string ToolCallStream(string usage, params (string Id, string Name, string Arguments)[] calls)
    {
        string toolCalls = string.Join(",", calls.Select((c, i) =>
            "{\"index\":" + i + ",\"id\":\"" + c.Id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + c.Name + "\",\"arguments\":" + JsonSerializer.Serialize(c.Arguments) + "}}"));
        return Canned.Sse([
            Canned.Chunk(extraDelta: "\"tool_calls\":[" + toolCalls + "]"),
            Canned.Chunk(finishReason: "tool_calls", usage: usage),
        ]);
    }

    /// <summary>A text stream: one chunk per piece, then a finish chunk carrying usage.</summary>
    public static string TextStream(string usage, params string[] pieces) =>
        Canned.Sse([.. pieces.Select(p => Canned.Chunk(p)), Canned.Chunk(finishReason: "stop", usage: usage)]);

    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        var items = new List<T>();
        await foreach (T item in source)
        {
            items.Add(item);
        }

        return items;
    }
}
