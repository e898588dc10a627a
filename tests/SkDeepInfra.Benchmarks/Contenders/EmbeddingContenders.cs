using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using OpenAI;
using SkDeepInfra.Benchmarks.Floor;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Contenders;

/// <summary>
/// The ways to DeepInfra's embeddings from .NET, over one shared <see cref="HttpClient"/>: SkDeepInfra's generator (base64,
/// and asked for JSON numbers), M.E.AI's generator over the OpenAI SDK's <c>EmbeddingClient</c>, Semantic Kernel's
/// <c>AddOpenAIEmbeddingGenerator</c> with an <see cref="OpenAIClient"/>, all with their endpoint pointed at DeepInfra, and the floor.
/// </summary>
internal sealed class EmbeddingContenders
{
    public EmbeddingContenders(HttpClient http, Uri endpoint)
    {
        var deepInfraOptions = new DeepInfraClientOptions { Endpoint = endpoint, ApiKey = Contenders.ApiKey };
        DeepInfraEmbeddingGenerator = new DeepInfraEmbeddingGenerator(EmbeddingPayloads.Model, deepInfraOptions, http);

        // The OpenAI client exactly as the chat contender builds it.
        var openAIOptions = new OpenAIClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http) };
        MeaiOpenAIEmbeddingGenerator = new OpenAI.Embeddings.EmbeddingClient(EmbeddingPayloads.Model, new ApiKeyCredential(Contenders.ApiKey), openAIOptions)
            .AsIEmbeddingGenerator();

        // Semantic Kernel 1.82's way (its OpenAITextEmbeddingGenerationService is obsolete: "Use AddOpenAIEmbeddingGenerator extension methods instead.").
#pragma warning disable SKEXP0010 // Experimental in 1.82.
        Kernel kernel = Kernel.CreateBuilder()
            .AddOpenAIEmbeddingGenerator(EmbeddingPayloads.Model, new OpenAIClient(new ApiKeyCredential(Contenders.ApiKey), openAIOptions))
            .Build();
#pragma warning restore SKEXP0010
        SkOpenAIEmbeddingGenerator = kernel.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Floor = new FloorEmbeddingClient(http, new Uri(endpoint, "embeddings"), Contenders.ApiKey);
    }

    public IEmbeddingGenerator<string, Embedding<float>> DeepInfraEmbeddingGenerator { get; }
    public IEmbeddingGenerator<string, Embedding<float>> MeaiOpenAIEmbeddingGenerator { get; }
    public IEmbeddingGenerator<string, Embedding<float>> SkOpenAIEmbeddingGenerator { get; }
    public FloorEmbeddingClient Floor { get; }
}
