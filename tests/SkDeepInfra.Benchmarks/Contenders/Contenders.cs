using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using SkDeepInfra.Benchmarks.Floor;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Contenders;

/// <summary>
/// The five ways to DeepInfra from .NET, over one <see cref="HttpClient"/> each caller would share: SkDeepInfra's
/// client and Semantic Kernel service, M.E.AI's OpenAIChatClient and Semantic Kernel's OpenAI connector with their
/// endpoint pointed at DeepInfra, and the floor.
/// </summary>
internal sealed class Contenders
{
    public const string ApiKey = "bench-key";

    public Contenders(HttpClient http, Uri endpoint)
    {
        DeepInfraChatClient = new DeepInfraChatClient(ChatPayloads.Model, new DeepInfraClientOptions { Endpoint = endpoint, ApiKey = ApiKey }, http);
        var rawChunks = new DeepInfraClientOptions { Endpoint = endpoint, ApiKey = ApiKey };
        typeof(DeepInfraClientOptions).GetProperty("StreamingRawRepresentation")?.SetValue(rawChunks, true);
        DeepInfraChatClientRawChunks = new DeepInfraChatClient(ChatPayloads.Model, rawChunks, http);
        DeepInfraChatCompletionService = new DeepInfraChatCompletionService(ChatPayloads.Model, new DeepInfraClientOptions { Endpoint = endpoint, ApiKey = ApiKey }, http);
        MeaiOpenAIChatClient = new OpenAI.Chat.ChatClient(
            ChatPayloads.Model,
            new ApiKeyCredential(ApiKey),
            new OpenAIClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http) }).AsIChatClient();
#pragma warning disable SKEXP0010 // A custom endpoint for the OpenAI connector.
        SkOpenAIChatCompletionService = new OpenAIChatCompletionService(ChatPayloads.Model, endpoint, ApiKey, httpClient: http);
#pragma warning restore SKEXP0010
        Floor = new FloorClient(http, new Uri(endpoint, "chat/completions"), ApiKey);
    }

    public IChatClient DeepInfraChatClient { get; }
    public IChatClient DeepInfraChatClientRawChunks { get; }
    public IChatCompletionService DeepInfraChatCompletionService { get; }
    public IChatClient MeaiOpenAIChatClient { get; }
    public IChatCompletionService SkOpenAIChatCompletionService { get; }
    public FloorClient Floor { get; }
}
