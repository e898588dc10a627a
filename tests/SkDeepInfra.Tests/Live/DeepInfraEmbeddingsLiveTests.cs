namespace SkDeepInfra.Live;

/// <summary>Embeddings and the model catalog against the real service; skipped unless <c>DEEPINFRA_TOKEN</c> is set.</summary>
public sealed class DeepInfraEmbeddingsLiveTests
{
    private const string EmbeddingModel = "BAAI/bge-large-en-v1.5";
    private const string ChatModel = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    [LiveFact]
    public async Task GenerateAsync_LiveTwoTextsBase64Default_Returns1024FloatsEachAndUsage()
    {
        using var generator = new DeepInfraEmbeddingGenerator(EmbeddingModel);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["The cat sat on the mat.", "Stock markets rallied today."]);

        Assert.Equal(2, result.Count);
        Assert.All(result, embedding =>
        {
            Assert.Equal(1024, embedding.Vector.Length);
            Assert.Contains(embedding.Vector.ToArray(), v => v != 0f);
            Assert.All(embedding.Vector.ToArray(), v => Assert.True(float.IsFinite(v)));
            Assert.False(string.IsNullOrEmpty(embedding.ModelId));
        });
        Assert.False(result[0].Vector.Span.SequenceEqual(result[1].Vector.Span));
        Assert.True(result.Usage?.InputTokenCount > 0);
        Assert.True(result.Usage?.TotalTokenCount > 0);
    }

    [LiveFact]
    public async Task GetModelsAsync_Live_ListsModelsWithContextLengthAndInputPrice()
    {
        var catalog = new DeepInfraModelCatalog();

        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();

        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.False(string.IsNullOrWhiteSpace(m.Id)));
        DeepInfraModelInfo? llama = await catalog.GetModelAsync(ChatModel);
        DeepInfraModelInfo priced = llama is { ContextLength: not null, Pricing.InputPerMillionTokens: not null }
            ? llama
            : Assert.Single(models.Where(m => m is { ContextLength: not null, Pricing.InputPerMillionTokens: not null }).Take(1));
        Assert.True(priced.ContextLength > 0);
        Assert.True(priced.Pricing!.InputPerMillionTokens > 0m);
        Assert.Same(models, await catalog.GetModelsAsync());
    }
}
