using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Agents.TestSupport;

/// <summary>
/// A DeepInfra client over an in-process emulator (no sockets, no retries), and the pipelines and agents the tests build
/// on it. Every request the "model" received is in <see cref="Requests"/>, as JSON.
/// </summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    public const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    private readonly HttpClient _http;

    public AgentHarness(ILoggerFactory? loggerFactory = null, string model = Model)
    {
        LoggerFactory = loggerFactory;
        _http = Emulator.CreateHttpClient();
        Client = new DeepInfraChatClient(model, new DeepInfraClientOptions { Endpoint = Emulator.Endpoint, MaxRetries = 0 }, _http);
    }

    public DeepInfraEmulator Emulator { get; } = new();

    public DeepInfraChatClient Client { get; }

    public ILoggerFactory? LoggerFactory { get; }

    public IReadOnlyList<EmulatorRequest> Requests => Emulator.Requests;

    public ChatClientAgent Agent(IEnumerable<AITool> tools, DeepInfraAgentOptions? options = null) =>
        Client.AsDeepInfraToolAgent("You are a concise assistant.", tools, options, LoggerFactory);

    /// <summary>The full pipeline without an agent: loop → ledger → recovery → client.</summary>
    public IChatClient Pipeline(Action<ToolLoopChatClient>? configure = null) =>
        Client.AsBuilder().UseToolLoop(LoggerFactory, configure).UseRunLedger(LoggerFactory).UseToolCallRecovery(LoggerFactory).Build();

    /// <summary>The messages of request <paramref name="index"/> as (role, content or tool calls) for compact assertions.</summary>
    public IReadOnlyList<JsonElement> MessagesOf(int index) => Requests[index].Messages;

    /// <summary>The tool messages of request <paramref name="index"/>, as (tool_call_id, content).</summary>
    public IReadOnlyList<(string CallId, string Content)> ToolMessagesOf(int index) =>
        MessagesOf(index)
            .Where(m => m.GetProperty("role").GetString() == "tool")
            .Select(m => (m.GetProperty("tool_call_id").GetString()!, m.GetProperty("content").GetString()!))
            .ToList();

    /// <summary>The tool calls of the last assistant message of request <paramref name="index"/>, as (id, name, arguments JSON).</summary>
    public IReadOnlyList<(string Id, string Name, string Arguments)> ToolCallsOf(int index) =>
        MessagesOf(index)
            .Last(m => m.GetProperty("role").GetString() == "assistant")
            .GetProperty("tool_calls")
            .EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("function").GetProperty("name").GetString()!, c.GetProperty("function").GetProperty("arguments").GetString()!))
            .ToList();

    public static IEnumerable<string> Roles(IReadOnlyList<JsonElement> messages) => messages.Select(m => m.GetProperty("role").GetString()!);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Emulator.DisposeAsync();
    }
}
