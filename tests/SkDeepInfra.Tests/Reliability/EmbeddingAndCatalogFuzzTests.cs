using System.Text;
using Xunit.Abstractions;

namespace SkDeepInfra.Reliability;

/// <summary>
/// Damaged embeddings and model-list replies: cut at every byte, and bytes overwritten at random (fixed seed). Each case
/// either returns a complete, well-formed result or throws <see cref="DeepInfraException"/>; never another type.
/// </summary>
public sealed class EmbeddingAndCatalogFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261124;
    private const int Mutations = 3_000;

    private static readonly string s_base64Reply = Canned.Embeddings([(1, [0.5f, -1.25f, 3f]), (0, [1f, 2f, -0.75f])], promptTokens: 9, cost: 0.00000009);
    private static readonly string s_floatReply =
        """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[1.0,2.0,-0.75]},{"object":"embedding","index":1,"embedding":[0.5,-1.25,3]}],"model":"BAAI/bge-large-en-v1.5","usage":{"prompt_tokens":9,"total_tokens":9}}""";
    private static readonly string s_modelsReply =
        """{"object":"list","data":[{"id":"meta-llama/Meta-Llama-3.1-8B-Instruct","object":"model","created":1721692800,"owned_by":"deepinfra","metadata":{"description":"Llama \"3.1\" 8B","context_length":131072,"max_tokens":16384,"pricing":{"input_tokens":0.03,"output_tokens":0.05},"tags":["prompt_cache"]}},{"id":"BAAI/bge-m3","object":"model","metadata":null}]}""";

    public static TheoryData<string> EmbeddingReplies => new() { s_base64Reply, s_floatReply };

    [Theory]
    [MemberData(nameof(EmbeddingReplies))]
    public async Task GenerateAsync_ReplyCutAtEveryByte_DeepInfraExceptionUntilComplete(string reply)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(reply);
        for (int length = 0; length < bytes.Length; length++)
        {
            var handler = new RecordingHandler().Reply(_ => Json(bytes.AsSpan(0, length).ToArray()));
            using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, maxRetries: 0);

            Exception? error = await Record.ExceptionAsync(() => generator.GenerateAsync(["a", "b"]));

            Assert.True(error is DeepInfraException, $"Cut at {length} of {bytes.Length}: {error?.GetType().Name ?? "no exception"} {error?.Message}");
        }

        output.WriteLine($"{bytes.Length} cuts: all DeepInfraException; the whole reply reads exactly.");
        var whole = new RecordingHandler().Reply(_ => Json(bytes));
        using DeepInfraEmbeddingGenerator complete = TestClients.CreateGenerator(whole, maxRetries: 0);
        GeneratedEmbeddings<Embedding<float>> result = await complete.GenerateAsync(["a", "b"]);
        Assert.Equal([1f, 2f, -0.75f], result[0].Vector.ToArray());
        Assert.Equal([0.5f, -1.25f, 3f], result[1].Vector.ToArray());
    }

    [Fact]
    public async Task GetModelsAsync_ReplyCutAtEveryByte_DeepInfraExceptionUntilComplete()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s_modelsReply);
        for (int length = 0; length < bytes.Length; length++)
        {
            var catalog = Catalog(new RecordingHandler().Reply(_ => Json(bytes.AsSpan(0, length).ToArray())));

            Exception? error = await Record.ExceptionAsync(() => catalog.GetModelsAsync());

            Assert.True(error is DeepInfraException, $"Cut at {length} of {bytes.Length}: {error?.GetType().Name ?? "no exception"} {error?.Message}");
        }

        output.WriteLine($"{bytes.Length} cuts: all DeepInfraException; the whole reply reads exactly.");
        IReadOnlyList<DeepInfraModelInfo> models = await Catalog(new RecordingHandler().Reply(_ => Json(bytes))).GetModelsAsync();
        Assert.Equal(["meta-llama/Meta-Llama-3.1-8B-Instruct", "BAAI/bge-m3"], models.Select(m => m.Id));
        Assert.Equal("Llama \"3.1\" 8B", models[0].Description);
    }

    [Fact]
    public async Task GenerateAndGetModels_RandomByteOverwrites_WellFormedResultOrDeepInfraException()
    {
        var random = new Random(Seed);
        byte[] noise = Encoding.UTF8.GetBytes("{}[]\",:0123456789.-+eE \\/nulltruefalse\u00e9\ud83d\ude00xyzAQ==");
        var failures = new List<string>();
        int succeeded = 0;
        for (int i = 0; i < Mutations; i++)
        {
            string source = (i % 3) switch { 0 => s_base64Reply, 1 => s_floatReply, _ => s_modelsReply };
            byte[] bytes = Encoding.UTF8.GetBytes(source);
            int edits = 1 + random.Next(3);
            for (int e = 0; e < edits; e++)
            {
                bytes[random.Next(bytes.Length)] = noise[random.Next(noise.Length)];
            }

            var handler = new RecordingHandler().Reply(_ => Json(bytes));
            Exception? error;
            if (i % 3 == 2)
            {
                error = await Record.ExceptionAsync(async () =>
                {
                    IReadOnlyList<DeepInfraModelInfo> models = await Catalog(handler).GetModelsAsync();
                    Assert.All(models, m => Assert.False(string.IsNullOrWhiteSpace(m.Id)));
                });
            }
            else
            {
                using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, maxRetries: 0);
                error = await Record.ExceptionAsync(async () =>
                {
                    GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["a", "b"]);
                    Assert.Equal(2, result.Count);
                    Assert.All(result, r => Assert.True(r.Vector.Length > 0));
                });
            }

            if (error is null)
            {
                succeeded++;
            }
            else if (error is not DeepInfraException)
            {
                failures.Add($"case {i}: {error.GetType().Name}: {error.Message} in {Encoding.UTF8.GetString(bytes)}");
            }
        }

        output.WriteLine($"{Mutations} damaged replies: {succeeded} read as well-formed results, {Mutations - succeeded - failures.Count} DeepInfraException, {failures.Count} other.");
        Assert.Empty(failures);
        Assert.InRange(succeeded, 1, Mutations - 1); // both outcomes occur, so the cases are neither all fatal nor all harmless
    }

    [Fact]
    public async Task GenerateAsync_ReplyOverMaxResponseBytes_RefusedWithoutReadingItAll()
    {
        var handler = new RecordingHandler().Reply(_ => Json(Encoding.UTF8.GetBytes(Canned.Embeddings([(0, new float[4096])]))));
        var options = new DeepInfraClientOptions { ApiKey = TestClients.ApiKey, MaxResponseBytes = 4096, MaxRetries = 0 };
        using var generator = new DeepInfraEmbeddingGenerator(Canned.EmbeddingModel, options, new HttpClient(handler));

        var error = await Assert.ThrowsAsync<DeepInfraException>(() => generator.GenerateAsync(["a"]));

        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    private static DeepInfraModelCatalog Catalog(RecordingHandler handler) =>
        new(new DeepInfraClientOptions { ApiKey = TestClients.ApiKey, MaxRetries = 0, Endpoint = TestServices.Endpoint }, new HttpClient(handler));

    private static HttpResponseMessage Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
