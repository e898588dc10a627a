using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using SkDeepInfra.Benchmarks.Contenders;
using SkDeepInfra.Benchmarks.Floor;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Workloads;

/// <summary>
/// Workload 6: embed 16 short sentences with a 1024-dimension model. The reply is served from memory in the encoding the
/// request asks for (base64 little-endian float32, or JSON numbers for <c>float</c> or none).
/// </summary>
[ShortJob]
public class EmbeddingsBenchmarks
{
    private static readonly string[] s_inputs = EmbeddingPayloads.Inputs;

    private readonly EmbeddingGenerationOptions _float = new() { AdditionalProperties = new() { ["encoding_format"] = "float" } };
    private readonly FloorEmbeddingRequest _floorRequest = new() { Model = EmbeddingPayloads.Model, Input = EmbeddingPayloads.Inputs };
    private EmbeddingContenders _c = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var handler = new EmbeddingReplayHandler(EmbeddingPayloads.Base64Reply, EmbeddingPayloads.FloatReply);
        _c = new EmbeddingContenders(new HttpClient(handler), new Uri("https://api.deepinfra.com/v1/openai/"));
        Console.WriteLine($"// Embeddings payload: {EmbeddingPayloads.Describe()}");
        await EmbeddingAnswerChecks.RunAsync(_c, handler, _float, _floorRequest);
    }

    [Benchmark]
    public Task<GeneratedEmbeddings<Embedding<float>>> DeepInfraEmbeddingGenerator() => _c.DeepInfraEmbeddingGenerator.GenerateAsync(s_inputs);

    [Benchmark]
    public Task<GeneratedEmbeddings<Embedding<float>>> DeepInfraEmbeddingGeneratorFloat() => _c.DeepInfraEmbeddingGenerator.GenerateAsync(s_inputs, _float);

    [Benchmark]
    public Task<GeneratedEmbeddings<Embedding<float>>> MeaiOpenAIEmbeddingGenerator() => _c.MeaiOpenAIEmbeddingGenerator.GenerateAsync(s_inputs);

    [Benchmark]
    public Task<GeneratedEmbeddings<Embedding<float>>> SkOpenAIEmbeddingGenerator() => _c.SkOpenAIEmbeddingGenerator.GenerateAsync(s_inputs);

    [Benchmark]
    public Task<FloorEmbeddingResponse> Floor() => _c.Floor.EmbedAsync(_floorRequest);
}
