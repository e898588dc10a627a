using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorEmbeddingsTests
{
    private const string Bge = "BAAI/bge-large-en-v1.5";

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task Embeddings_TwoInputs_AnswersOpenAiListInOrder(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);

        (int status, JsonElement body) = await harness.PostForJsonAsync(
            """{"model":"BAAI/bge-base-en-v1.5","input":["first text","second"],"service_tier":"default","user":"u1"}""", EmbeddingVectors.Path);

        Assert.Equal(200, status);
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal("BAAI/bge-base-en-v1.5", body.GetProperty("model").GetString());
        JsonElement[] data = [.. body.GetProperty("data").EnumerateArray()];
        Assert.Equal(2, data.Length);
        for (int index = 0; index < data.Length; index++)
        {
            Assert.Equal("embedding", data[index].GetProperty("object").GetString());
            Assert.Equal(index, data[index].GetProperty("index").GetInt32());
            Assert.Equal(768, data[index].GetProperty("embedding").GetArrayLength());
        }

        Assert.Equal(["first text", "second"], harness.Emulator.LastRequest!.Inputs);
        Assert.Equal("/v1/openai/embeddings", harness.Emulator.LastRequest.Path);
    }

    [Fact]
    public async Task Embeddings_SingleString_MatchesOneItemArray()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (_, JsonElement single) = await harness.PostForJsonAsync("""{"model":"BAAI/bge-m3","input":"Hello world"}""", EmbeddingVectors.Path);
        (_, JsonElement array) = await harness.PostForJsonAsync("""{"model":"BAAI/bge-m3","input":["Hello world"]}""", EmbeddingVectors.Path);

        Assert.Equal(1, single.GetProperty("data").GetArrayLength());
        Assert.Equal(EmbeddingVectors.Decode(array), EmbeddingVectors.Decode(single));
        Assert.Equal(["Hello world"], harness.Emulator.LastRequest!.Inputs);
    }

    [Fact]
    public async Task Embeddings_Vector_IsTheNormalizedHashingTrick()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (_, JsonElement body) = await harness.PostForJsonAsync(
            """{"model":"sentence-transformers/all-MiniLM-L6-v2","input":"Cats, CATS and dogs!"}""", EmbeddingVectors.Path);

        float[] vector = EmbeddingVectors.Decode(body);
        var expected = new double[384];
        foreach (string word in new[] { "cats", "cats", "and", "dogs" })
        {
            (int index, int sign) = EmbeddingVectors.Slot(word, 384);
            expected[index] += sign;
        }

        double norm = Math.Sqrt(expected.Sum(value => value * value));
        Assert.Equal(384, vector.Length);
        Assert.Equal(expected.Select(value => (float)(value / norm)), vector);
        Assert.Equal(1.0, EmbeddingVectors.Norm(vector), 5);
    }

    [Fact]
    public async Task Embeddings_SameInput_IsDeterministicAcrossEmulators()
    {
        const string json = """{"model":"BAAI/bge-large-en-v1.5","input":["the quick brown fox","jumps"]}""";
        await using EmulatorHarness first = await EmulatorHarness.CreateAsync();
        await using EmulatorHarness second = await EmulatorHarness.CreateAsync(Transport.Loopback);

        (_, JsonElement one) = await first.PostForJsonAsync(json, EmbeddingVectors.Path);
        (_, JsonElement two) = await second.PostForJsonAsync(json, EmbeddingVectors.Path);

        Assert.Equal(EmbeddingVectors.Decode(one, 1), EmbeddingVectors.Decode(two, 1));
        Assert.Equal(one.GetProperty("data").GetRawText(), two.GetProperty("data").GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ,;!  ")]
    public async Task Embeddings_NoWords_GivesUnitVectorAtIndexZero(string input)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (_, JsonElement body) = await harness.PostForJsonAsync(
            $$"""{"model":"{{Bge}}","input":{{JsonSerializer.Serialize(input)}}}""", EmbeddingVectors.Path);

        float[] vector = EmbeddingVectors.Decode(body);
        Assert.Equal(1f, vector[0]);
        Assert.All(vector.Skip(1), value => Assert.Equal(0f, value));
    }

    [Fact]
    public async Task Embeddings_Base64_DecodesToTheFloatVectors()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        const string inputs = """["alpha beta gamma","delta"]""";

        (_, JsonElement floats) = await harness.PostForJsonAsync(
            $$"""{"model":"{{Bge}}","input":{{inputs}},"encoding_format":"float"}""", EmbeddingVectors.Path);
        (_, JsonElement base64) = await harness.PostForJsonAsync(
            $$"""{"model":"{{Bge}}","input":{{inputs}},"encoding_format":"base64"}""", EmbeddingVectors.Path);
        (_, JsonElement defaulted) = await harness.PostForJsonAsync(
            $$"""{"model":"{{Bge}}","input":{{inputs}},"encoding_format":null}""", EmbeddingVectors.Path);

        Assert.Equal(JsonValueKind.String, base64.GetProperty("data")[0].GetProperty("embedding").ValueKind);
        Assert.Equal(JsonValueKind.Array, defaulted.GetProperty("data")[0].GetProperty("embedding").ValueKind);
        for (int index = 0; index < 2; index++)
        {
            float[] expected = EmbeddingVectors.Decode(floats, index);
            Assert.Equal(1024, expected.Length);
            Assert.Equal(expected, EmbeddingVectors.Decode(base64, index));
            Assert.Equal(expected, EmbeddingVectors.Decode(defaulted, index));
        }
    }

    [Fact]
    public async Task Embeddings_SmallerDimensions_HashesInThatLength()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (_, JsonElement body) = await harness.PostForJsonAsync(
            $$"""{"model":"{{Bge}}","input":"hello","dimensions":32}""", EmbeddingVectors.Path);

        float[] vector = EmbeddingVectors.Decode(body);
        (int index, int sign) = EmbeddingVectors.Slot("hello", 32);
        float[] expected = new float[32];
        expected[index] = sign;
        Assert.Equal(expected, vector);
    }

    [Fact]
    public async Task Embeddings_LargerDimensions_PadsTheNativeVectorWithZeros()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        const string text = "padding keeps the native vector";

        (_, JsonElement native) = await harness.PostForJsonAsync(
            $$"""{"model":"sentence-transformers/all-MiniLM-L6-v2","input":"{{text}}"}""", EmbeddingVectors.Path);
        (_, JsonElement padded) = await harness.PostForJsonAsync(
            $$"""{"model":"sentence-transformers/all-MiniLM-L6-v2","input":"{{text}}","dimensions":500,"encoding_format":"base64"}""", EmbeddingVectors.Path);

        float[] nativeVector = EmbeddingVectors.Decode(native);
        float[] paddedVector = EmbeddingVectors.Decode(padded);
        Assert.Equal(384, nativeVector.Length);
        Assert.Equal(500, paddedVector.Length);
        Assert.Equal(nativeVector, paddedVector.Take(384));
        Assert.All(paddedVector.Skip(384), value => Assert.Equal(0f, value));
    }

    [Fact]
    public async Task Embeddings_UnlistedModel_Uses1024DimensionsAndFallbackPrice()
    {
        var options = new DeepInfraEmulatorOptions { FallbackPrice = new EmulatorModelPrice(2m, 7m) };
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: options);

        (int status, JsonElement body) = await harness.PostForJsonAsync("""{"model":"someone/new-embedder","input":"abcdefgh"}""", EmbeddingVectors.Path);

        Assert.Equal(200, status);
        Assert.Equal(1024, EmbeddingVectors.Decode(body).Length);
        Assert.Equal("""{"prompt_tokens":2,"total_tokens":2,"estimated_cost":0.000004}""", body.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task Embeddings_Usage_SumsPerInputEstimateAndPricesInputOnly()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (_, JsonElement body) = await harness.PostForJsonAsync(
            $$"""{"model":"{{Bge}}","input":["","abcd","abcde","0123456789"]}""", EmbeddingVectors.Path);

        JsonElement usage = body.GetProperty("usage");
        Assert.Equal(1 + 1 + 2 + 3, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, usage.GetProperty("total_tokens").GetInt32());
        Assert.False(usage.TryGetProperty("completion_tokens", out _));
        Assert.Equal(7 * 0.01m / 1_000_000m, usage.GetProperty("estimated_cost").GetDecimal());
    }

    [Fact]
    public async Task Embeddings_CustomEmbeddingModel_UsesItsDimensions()
    {
        var options = new DeepInfraEmulatorOptions();
        options.Models.Add(new EmulatorModel("my/tiny-embedder") { EmbeddingDimensions = 48 });
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: options);

        (_, JsonElement body) = await harness.PostForJsonAsync("""{"model":"MY/tiny-embedder","input":"x"}""", EmbeddingVectors.Path);

        Assert.Equal(48, EmbeddingVectors.Decode(body).Length);
        Assert.Equal("MY/tiny-embedder", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Embeddings_TextGenerationModel_Returns400()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        using HttpResponseMessage response = await harness.PostAsync(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","input":"hi"}""", path: EmbeddingVectors.Path);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(
            """{"error":{"message":"Model 'meta-llama/Meta-Llama-3.1-8B-Instruct' does not support embeddings.","type":"invalid_request_error","param":null,"code":null}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Embeddings_RelatedTexts_AreMoreSimilar()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (_, JsonElement body) = await harness.PostForJsonAsync(
            $$"""{"model":"{{Bge}}","input":["cats and dogs","dogs and cats are pets","stock market report"]}""", EmbeddingVectors.Path);

        float[] query = EmbeddingVectors.Decode(body, 0);
        double related = EmbeddingVectors.Cosine(query, EmbeddingVectors.Decode(body, 1));
        double unrelated = EmbeddingVectors.Cosine(query, EmbeddingVectors.Decode(body, 2));
        Assert.Equal(3 / Math.Sqrt(3 * 5), related, 5);
        Assert.True(related > unrelated, $"related {related} should exceed unrelated {unrelated}");
    }
}
