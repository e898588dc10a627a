using SkDeepInfra.Testing;

namespace SkDeepInfra;

/// <summary>The generator and the model catalog against the built-in emulator, in process and over loopback.</summary>
public sealed class DeepInfraEmbeddingGeneratorEmulatorTests
{
    private const string Model = "BAAI/bge-large-en-v1.5";

    [Fact]
    public async Task GenerateAsync_Emulator_UnitVectorsUsageAndCostFromThePriceTable()
    {
        using var emulator = new DeepInfraEmulator();
        using var generator = new DeepInfraEmbeddingGenerator(Model, Options(emulator), emulator.CreateHttpClient());

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["cats and dogs", "dogs and cats are pets", "stock market report"]);

        Assert.All(result, e => Assert.Equal(1024, e.Vector.Length));
        Assert.All(result, e => Assert.Equal(1.0, Norm(e.Vector.Span), 5));
        Assert.Equal(4 + 6 + 5, result.Usage!.InputTokenCount); // ⌈13/4⌉ + ⌈22/4⌉ + ⌈19/4⌉
        Assert.Equal(15 * 0.01 / 1_000_000, (double)result.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]!, 15);
        Assert.True(Cosine(result[0], result[1]) > Cosine(result[0], result[2]));
        EmulatorRequest sent = Assert.Single(emulator.Requests);
        Assert.Equal("base64", sent.Json.GetProperty("encoding_format").GetString());
        Assert.Equal(["cats and dogs", "dogs and cats are pets", "stock market report"], sent.Inputs);
    }

    [Fact]
    public async Task GenerateAsync_FloatAndBase64_SameVectors()
    {
        using var emulator = new DeepInfraEmulator();
        using var generator = new DeepInfraEmbeddingGenerator(Model, Options(emulator), emulator.CreateHttpClient());
        var asFloat = new EmbeddingGenerationOptions { AdditionalProperties = new() { ["encoding_format"] = "float" } };

        Embedding<float> base64 = (await generator.GenerateAsync(["the same text"]))[0];
        Embedding<float> floats = (await generator.GenerateAsync(["the same text"], asFloat))[0];

        Assert.Equal(base64.Vector.ToArray(), floats.Vector.ToArray());
        Assert.Equal("float", emulator.LastRequest!.Json.GetProperty("encoding_format").GetString());
    }

    [Theory]
    [InlineData(64, 64)]
    [InlineData(2048, 2048)]
    public async Task GenerateAsync_Dimensions_SmallerComputedLargerPadded(int dimensions, int expectedLength)
    {
        using var emulator = new DeepInfraEmulator();
        using var generator = new DeepInfraEmbeddingGenerator(Model, Options(emulator), emulator.CreateHttpClient()) { DefaultDimensions = dimensions };

        Embedding<float> embedding = (await generator.GenerateAsync(["padding and truncation"]))[0];

        Assert.Equal(expectedLength, embedding.Vector.Length);
        Assert.Equal(1.0, Norm(embedding.Vector.Span), 5);
        if (dimensions > 1024)
        {
            Assert.All(embedding.Vector.ToArray()[1024..], value => Assert.Equal(0f, value));
        }
    }

    [Fact]
    public async Task GenerateAsync_BatchedAndConcurrent_SameVectorsAsOneRequest()
    {
        using var emulator = new DeepInfraEmulator();
        string[] values = Enumerable.Range(0, 10).Select(i => $"document number {i} about topic {i % 3}").ToArray();
        using var single = new DeepInfraEmbeddingGenerator(Model, Options(emulator), emulator.CreateHttpClient());
        using var batched = new DeepInfraEmbeddingGenerator(Model, Options(emulator), emulator.CreateHttpClient()) { MaxBatchSize = 3, MaxConcurrentRequests = 2 };

        GeneratedEmbeddings<Embedding<float>> one = await single.GenerateAsync(values);
        GeneratedEmbeddings<Embedding<float>> many = await batched.GenerateAsync(values);

        Assert.Equal(1 + 4, emulator.Requests.Count);
        Assert.Equal(one.Select(e => e.Vector.ToArray()), many.Select(e => e.Vector.ToArray()));
        Assert.Equal(one.Usage!.InputTokenCount, many.Usage!.InputTokenCount);
        Assert.Equal((double)one.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]!, (double)many.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]!, 15);
    }

    [Fact]
    public async Task GenerateAsync_RateLimitedOnce_RetriesAndSucceeds()
    {
        using var emulator = new DeepInfraEmulator();
        int calls = 0;
        emulator.Responder = _ => Interlocked.Increment(ref calls) == 1 ? EmulatorReply.RateLimited(TimeSpan.Zero) : null;
        using var generator = new DeepInfraEmbeddingGenerator(Model, Options(emulator), emulator.CreateHttpClient());

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["retry me"]);

        Assert.Equal(2, emulator.Requests.Count);
        Assert.Equal(1024, result[0].Vector.Length);
    }

    [Fact]
    public async Task GenerateAsync_WrongKeyOrChatModel_ThrowsDeepInfraExceptionWithTheProvidersMessage()
    {
        using var emulator = new DeepInfraEmulator(new DeepInfraEmulatorOptions { ApiKey = "right-key" });
        using var wrongKey = new DeepInfraEmbeddingGenerator(Model, Options(emulator, "wrong-key"), emulator.CreateHttpClient());
        using var chatModel = new DeepInfraEmbeddingGenerator("meta-llama/Meta-Llama-3.1-8B-Instruct", Options(emulator, "right-key"), emulator.CreateHttpClient());

        var unauthorized = await Assert.ThrowsAsync<DeepInfraException>(() => wrongKey.GenerateAsync(["x"]));
        var notEmbedding = await Assert.ThrowsAsync<DeepInfraException>(() => chatModel.GenerateAsync(["x"]));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.DoesNotContain("wrong-key", unauthorized.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notEmbedding.StatusCode);
        Assert.Contains("does not support embeddings", notEmbedding.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_Emulator_ListsModelsWithPricesFromThePriceTable()
    {
        using var emulator = new DeepInfraEmulator();
        var catalog = new DeepInfraModelCatalog(Options(emulator), emulator.CreateHttpClient());

        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();
        DeepInfraModelInfo llama = (await catalog.GetModelAsync("meta-llama/meta-llama-3.1-8b-instruct"))!;
        DeepInfraModelInfo bge = (await catalog.GetModelAsync(Model))!;

        Assert.Equal(9, models.Count);
        Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct", llama.Id);
        Assert.Equal(131072, llama.ContextLength);
        Assert.Equal(16384, llama.MaxOutputTokens);
        Assert.Equal(0.03m, llama.Pricing!.InputPerMillionTokens);
        Assert.Equal(0.05m, llama.Pricing.OutputPerMillionTokens);
        Assert.Equal(0.01m, bge.Pricing!.InputPerMillionTokens);
        Assert.Null(bge.Pricing.OutputPerMillionTokens);
        Assert.Null(bge.MaxOutputTokens);
        Assert.Equal("BAAI/bge-large-en-v1.5 (context 512 tokens, $0.01 in per 1M tokens)", bge.ToString());
        Assert.Equal(new DateTimeOffset(2024, 7, 23, 0, 0, 0, TimeSpan.Zero), llama.CreatedAt);
        Assert.Single(emulator.Requests, r => r.Method == "GET");
    }

    [Fact]
    public async Task Catalog_ModelAddedToEmulator_SeenAfterInvalidate()
    {
        using var emulator = new DeepInfraEmulator();
        var catalog = new DeepInfraModelCatalog(Options(emulator), emulator.CreateHttpClient());
        Assert.Null(await catalog.GetModelAsync("acme/new-model"));

        emulator.Options.Models.Add(new EmulatorModel("acme/new-model") { ContextLength = 4096, Tags = { "vision" } });
        emulator.Options.Prices["acme/new-model"] = new EmulatorModelPrice(1.5m, 2.5m);
        DeepInfraModelInfo? cached = await catalog.GetModelAsync("acme/new-model");
        catalog.Invalidate();
        DeepInfraModelInfo? fresh = await catalog.GetModelAsync("acme/new-model");

        Assert.Null(cached);
        Assert.Equal(4096, fresh!.ContextLength);
        Assert.True(fresh.HasTag("Vision"));
        Assert.Equal(0.00000650m, fresh.Pricing!.EstimateCost(1, 2));
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task GeneratorAndCatalog_Loopback_WorkOverRealHttp()
    {
        await using var emulator = new DeepInfraEmulator();
        await emulator.StartAsync();
        using var generator = new DeepInfraEmbeddingGenerator(Model, Options(emulator)) { MaxBatchSize = 2, MaxConcurrentRequests = 2 };
        var catalog = new DeepInfraModelCatalog(Options(emulator));

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["one", "two", "three"]);
        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();

        Assert.Equal(3, result.Count);
        Assert.All(result, e => Assert.Equal(1024, e.Vector.Length));
        Assert.Equal(9, models.Count);
        Assert.StartsWith("http://127.0.0.1:", emulator.Endpoint.ToString(), StringComparison.Ordinal);
    }

    private static DeepInfraClientOptions Options(DeepInfraEmulator emulator, string apiKey = "emulator-key") =>
        new() { Endpoint = emulator.Endpoint, ApiKey = apiKey, MaxRetries = 1 };

    private static double Norm(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (float value in vector)
        {
            sum += value * value;
        }

        return Math.Sqrt(sum);
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b)
    {
        double dot = 0;
        for (int i = 0; i < a.Vector.Length; i++)
        {
            dot += a.Vector.Span[i] * b.Vector.Span[i];
        }

        return dot / (Norm(a.Vector.Span) * Norm(b.Vector.Span));
    }
}
