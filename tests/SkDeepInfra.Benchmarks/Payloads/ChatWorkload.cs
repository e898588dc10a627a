using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SkDeepInfra.Benchmarks.Floor;

namespace SkDeepInfra.Benchmarks.Payloads;

/// <summary>One request, as each contender's caller writes it: M.E.AI messages and options, a Semantic Kernel history and settings, the floor's body.</summary>
internal sealed class ChatWorkload
{
    public required IList<ChatMessage> Messages { get; init; }
    public required ChatOptions Options { get; init; }
    public required ChatHistory History { get; init; }
    public required PromptExecutionSettings DeepInfraSettings { get; init; }
    public required PromptExecutionSettings OpenAISettings { get; init; }
    public Kernel? Kernel { get; init; }
    public required FloorRequest FloorRequest { get; init; }
    public required FloorRequest FloorStreamRequest { get; init; }

    /// <summary>A system prompt and one question; temperature and a token limit.</summary>
    public static ChatWorkload SimpleChat()
    {
        const string System = "You are a concise assistant. Answer in plain prose.";
        const string User = "Tell me a short story about a quick brown fox and a lazy dog, with a tree in it.";
        var history = new ChatHistory(System);
        history.AddUserMessage(User);
        return new ChatWorkload
        {
            Messages = [new(ChatRole.System, System), new(ChatRole.User, User)],
            Options = new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 1024 },
            History = history,
            DeepInfraSettings = new DeepInfraPromptExecutionSettings { Temperature = 0.7, MaxTokens = 1024 },
            OpenAISettings = new OpenAIPromptExecutionSettings { Temperature = 0.7, MaxTokens = 1024 },
            FloorRequest = Floor(stream: false),
            FloorStreamRequest = Floor(stream: true),
        };

        static FloorRequest Floor(bool stream) => new()
        {
            Model = ChatPayloads.Model,
            Messages = [new() { Role = "system", Content = System }, new() { Role = "user", Content = User }],
            Temperature = 0.7,
            MaxTokens = 1024,
            Stream = stream ? true : null,
            StreamOptions = stream ? new FloorStreamOptions() : null,
        };
    }
}
