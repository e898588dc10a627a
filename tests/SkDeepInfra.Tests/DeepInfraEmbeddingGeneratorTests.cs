using Microsoft.Extensions.Logging;

namespace SkDeepInfra;

public sealed class DeepInfraEmbeddingGeneratorTests
{
    private static readonly float[] s_first = [0.5f, -0.25f, 0.125f];
    private static readonly float[] s_second = [1f, 0f, -1f];

    [Fact]
    public async Task GenerateAsync_TwoValues_SendsBase64RequestAndReturnsVectorsInInputOrder()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(1, s_second), (0, s_first)], promptTokens: 7, cost: 0.00000007));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["first text", "second text"]);

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://deepinfra.test/v1/openai/embeddings", sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        Assert.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["first text","second text"],"encoding_format":"base64"}""", sent.Body);
        Assert.Equal(2, result.Count);
        Assert.Equal(s_first, result[0].Vector.ToArray());
        Assert.Equal(s_second, result[1].Vector.ToArray());
        Assert.All(result, e => Assert.Equal(Canned.EmbeddingModel, e.ModelId));
        Assert.Equal(7, result.Usage!.InputTokenCount);
        Assert.Equal(7, result.Usage.TotalTokenCount);
        Assert.Null(result.Usage.OutputTokenCount);
        Assert.Equal(0.00000007, (double)result.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]!);
    }

    [Fact]
    public async Task GenerateAsync_FloatArrayReply_IsReadLikeBase64()
    {
        var handler = new RecordingHandler().ReplyJson("""{"data":[{"index":0,"embedding":[0.5,-0.25,1e-3]}],"model":"m","usage":{"prompt_tokens":2,"total_tokens":2}}""");
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["x"]);

        Assert.Equal([0.5f, -0.25f, 0.001f], result[0].Vector.ToArray());
        Assert.Equal("m", result[0].ModelId);
        Assert.Null(result.AdditionalProperties);
    }

    [Fact]
    public async Task GenerateAsync_Options_SendModelDimensionsUserFloatFormatAndProviderKeys()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, s_first)]));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, dimensions: 512);
        var options = new EmbeddingGenerationOptions
        {
            ModelId = "BAAI/bge-m3",
            Dimensions = 64,
            AdditionalProperties = new()
            {
                ["encoding_format"] = "float",
                ["user"] = "user-hash",
                ["service_tier"] = "priority",
                ["ignored_when_null"] = null,
            },
        };

        await generator.GenerateAsync(["x"], options);

        Assert.Equal(
            """{"model":"BAAI/bge-m3","input":["x"],"encoding_format":"float","dimensions":64,"user":"user-hash","service_tier":"priority"}""",
            handler.Requests[0].Body);
    }

    [Fact]
    public async Task GenerateAsync_DefaultDimensions_SentWhenOptionsLeaveThemUnset()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, s_first)]));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, dimensions: 256);

        await generator.GenerateAsync(["x"], new EmbeddingGenerationOptions());

        Assert.Equal(256, handler.Requests[0].Json.GetProperty("dimensions").GetInt32());
    }

    [Theory]
    [InlineData(31)]
    [InlineData(1)]
    public async Task GenerateAsync_DimensionsBelow32_ThrowsNamingTheRangeWithoutSending(int dimensions)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, s_first)]));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = dimensions }); });

        Assert.Equal("dimensions", error.ParamName);
        Assert.Contains("at least 32", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
        await Task.CompletedTask;
    }

    [Fact]
    public void Init_OutOfRangeSettings_ThrowNamingTheProperty()
    {
        Assert.Equal("DefaultDimensions", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepInfraEmbeddingGenerator("m") { DefaultDimensions = 16 }).ParamName);
        Assert.Equal("MaxBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepInfraEmbeddingGenerator("m") { MaxBatchSize = 0 }).ParamName);
        Assert.Contains("[1, 1024]", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepInfraEmbeddingGenerator("m") { MaxBatchSize = 1025 }).Message, StringComparison.Ordinal);
        Assert.Equal("MaxConcurrentRequests", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepInfraEmbeddingGenerator("m") { MaxConcurrentRequests = 0 }).ParamName);
        Assert.Contains("[1, 16]", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepInfraEmbeddingGenerator("m") { MaxConcurrentRequests = 17 }).Message, StringComparison.Ordinal);
        Assert.Equal("modelId", Assert.Throws<ArgumentException>(() => new DeepInfraEmbeddingGenerator(" ")).ParamName);
    }

    [Fact]
    public void GenerateAsync_BadValues_ThrowBeforeSending()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, s_first)]));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => { _ = generator.GenerateAsync(null!); }).ParamName);
        var nullItem = Assert.Throws<ArgumentException>(() => { _ = generator.GenerateAsync(["a", null!]); });
        Assert.Equal("values", nullItem.ParamName);
        Assert.Contains("values[1] is null", nullItem.Message, StringComparison.Ordinal);
        var reserved = Assert.Throws<ArgumentException>(() => { _ = generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { AdditionalProperties = new() { ["input"] = "b" } }); });
        Assert.Contains("AdditionalProperties[\"input\"]", reserved.Message, StringComparison.Ordinal);
        var format = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { AdditionalProperties = new() { ["encoding_format"] = "hex" } }); });
        Assert.Contains("\"float\" or \"base64\"", format.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_NoValues_ReturnsEmptyWithoutARequest()
    {
        var handler = new RecordingHandler();
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync([]);

        Assert.Empty(result);
        Assert.Null(result.Usage);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_MoreValuesThanBatchSize_SendsBatchesInOrderAndSumsUsageAndCost()
    {
        var handler = new RecordingHandler().Reply(EchoBatch);
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, maxBatchSize: 2);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["1", "2", "3", "4", "5"]);

        Assert.Equal(["[\"1\",\"2\"]", "[\"3\",\"4\"]", "[\"5\"]"], handler.Requests.Select(r => r.Json.GetProperty("input").GetRawText()));
        Assert.Equal([1f, 2f, 3f, 4f, 5f], result.Select(e => e.Vector.Span[0]));
        Assert.Equal(5, result.Usage!.InputTokenCount);
        Assert.Equal(0.000003, (double)result.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]!, 12);
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentBatches_KeepInputOrder()
    {
        var handler = new RecordingHandler().Reply(EchoBatch);
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, maxBatchSize: 3, maxConcurrentRequests: 4);
        string[] values = Enumerable.Range(1, 40).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(values);

        Assert.Equal(14, handler.Requests.Count);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (float)i), result.Select(e => e.Vector.Span[0]));
        Assert.Equal(40, result.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentBatchFails_ThrowsThatFailure()
    {
        var handler = new RecordingHandler().Reply(request =>
            request.Json.GetProperty("input")[0].GetString() == "7"
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":{"message":"input 7 is too long"}}""") }
                : EchoBatch(request));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, maxBatchSize: 2, maxConcurrentRequests: 3);
        string[] values = Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var error = await Assert.ThrowsAsync<DeepInfraException>(() => generator.GenerateAsync(values));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("input 7 is too long", error.ProviderMessage);
    }

    public static TheoryData<string, string> MalformedReplies => new()
    {
        { """<html>gateway</html>""", "not an embeddings reply" },
        { """null""", "empty or null" },
        { """{"object":"list"}""", "no 'data' array" },
        { """{"data":[]}""", "0 vector(s) for 1 input(s)" },
        { """{"data":[{"index":3,"embedding":[1]}]}""", "index 3, outside [0, 0]" },
        { """{"data":[{"index":0,"embedding":[]}]}""", "has no values" },
        { """{"data":[{"index":0,"embedding":null}]}""", "has no values" },
        { """{"data":[null]}""", "embedding 0 of the reply is null" },
        { """{"data":[{"index":0,"embedding":"AAA"}]}""", "whole float32 values" },
        { """{"data":[{"index":0,"embedding":"!!!!!!!!!!!!!!!!"}]}""", "not valid base64" },
        { """{"data":[{"index":0,"embedding":["a"]}]}""", "numbers only" },
        { """{"data":[{"index":0,"embedding":{}}]}""", "array of numbers or a base64 string" },
        { """{"data":"x"}""", "not an embeddings reply" },
    };

    [Theory]
    [MemberData(nameof(MalformedReplies))]
    public async Task GenerateAsync_MalformedReply_ThrowsDeepInfraExceptionSayingWhy(string body, string expected)
    {
        var handler = new RecordingHandler().ReplyText(body, body.StartsWith('<') ? "text/html" : "application/json");
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        var error = await Assert.ThrowsAsync<DeepInfraException>(() => generator.GenerateAsync(["x"]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task GenerateAsync_DuplicateIndexes_Throw()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, s_first), (0, s_second)]));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        var error = await Assert.ThrowsAsync<DeepInfraException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Contains("two embeddings have index 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_ErrorObjectInA200_ThrowsWithTheProviderMessage()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":{"message":"model is loading","code":503}}""");
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        var error = await Assert.ThrowsAsync<DeepInfraException>(() => generator.GenerateAsync(["x"]));

        Assert.Equal("model is loading", error.ProviderMessage);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task GenerateAsync_RateLimitedThenOk_RetriesAfterTheServersDelay()
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"slow down"}""", HttpStatusCode.TooManyRequests, r => r.Headers.Add("Retry-After", "2"))
            .ReplyJson(Canned.Embeddings([(0, s_first)]));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, delays: delays);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["x"]);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.Equal([TimeSpan.FromSeconds(2)], delays);
        Assert.Equal(s_first, result[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Unauthorized_ThrowsWithoutTheKey()
    {
        var handler = new RecordingHandler().ReplyJson($$"""{"detail":"bad token {{TestClients.ApiKey}}"}""", HttpStatusCode.Unauthorized);
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        var error = await Assert.ThrowsAsync<DeepInfraException>(() => generator.GenerateAsync(["x"]));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Single(handler.Requests);
        Assert.DoesNotContain(TestClients.ApiKey, error.Message + error.ResponseContent + error.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_ThrowsOperationCanceledUnwrapped()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, s_first)]));
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["x"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task GenerateAsync_Logging_ReportsStartAndCompletionAndNeverTheKey()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, s_first)], promptTokens: 4, cost: 0.00000004));
        using ILoggerFactory factory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, loggerFactory: factory);

        await generator.GenerateAsync(["x"]);

        Assert.Contains(logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("embeddings starting: model BAAI/bge-large-en-v1.5, 1 input(s) in 1 request(s)", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("status 200", StringComparison.Ordinal) && l.Contains("input tokens 4", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Trace", StringComparison.Ordinal) && l.Contains("\"input\":[\"x\"]", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(TestClients.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public void GetService_Metadata_DescribesProviderEndpointModelAndDimensions()
    {
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(new RecordingHandler(), dimensions: 384);

        EmbeddingGeneratorMetadata metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal("deepinfra", metadata.ProviderName);
        Assert.Equal(new Uri("https://deepinfra.test/v1/openai/"), metadata.ProviderUri);
        Assert.Equal(Canned.EmbeddingModel, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(generator, generator.GetService<DeepInfraEmbeddingGenerator>());
        Assert.Null(generator.GetService(typeof(EmbeddingGeneratorMetadata), "key"));
        Assert.Null(generator.GetService<IChatClient>());
        Assert.Throws<ArgumentNullException>(() => generator.GetService(null!));
    }

    [Fact]
    public void ToString_NamesEndpointAndModelButNotTheKey()
    {
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(new RecordingHandler());

        Assert.Equal("DeepInfraEmbeddingGenerator { Endpoint = https://deepinfra.test/v1/openai/, Model = BAAI/bge-large-en-v1.5 }", generator.ToString());
    }

    [Fact]
    public async Task Constructor_HttpClientBaseAddress_IsTheEndpointWhenOptionsKeepTheDefault()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, s_first)]));
        using var generator = new DeepInfraEmbeddingGenerator("m", new DeepInfraClientOptions { ApiKey = "k" }, new HttpClient(handler) { BaseAddress = new Uri("http://proxy.local/deepinfra") });

        await generator.GenerateAsync(["x"]);

        Assert.Equal("http://proxy.local/deepinfra/embeddings", handler.Requests[0].Uri.ToString());
    }

    [Fact]
    public async Task GenerateAsync_InBandErrorBodyWithStatus200_ThrowsWithProviderMessage()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error_type":"internal_error","error_message":"{\"error\":{\"message\":\"embedding worker failed\"}}"}""");
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => generator.GenerateAsync(["x"]));

        Assert.Equal("embedding worker failed", error.ProviderMessage);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task GenerateAsync_RawRepresentationFactory_RawValuesWinInputStaysTheBatch()
    {
        var handler = new RecordingHandler().Reply(EchoBatch);
        using DeepInfraEmbeddingGenerator generator = TestClients.CreateGenerator(handler, maxBatchSize: 1);
        var options = new EmbeddingGenerationOptions
        {
            Dimensions = 64,
            RawRepresentationFactory = _ => new System.Text.Json.Nodes.JsonObject { ["dimensions"] = 128, ["service_tier"] = "priority", ["input"] = "ignored" },
        };

        await generator.GenerateAsync(["1", "2"], options);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(128, r.Json.GetProperty("dimensions").GetInt32()));
        Assert.All(handler.Requests, r => Assert.Equal("priority", r.Json.GetProperty("service_tier").GetString()));
        Assert.Equal(["1", "2"], handler.Requests.Select(r => r.Json.GetProperty("input")[0].GetString()));
    }

    /// <summary>Answers a batch with one vector per input, whose first value is the input parsed as a number; usage one token each.</summary>
    private static HttpResponseMessage EchoBatch(RecordedRequest request)
    {
        string[] inputs = request.Json.GetProperty("input").EnumerateArray().Select(i => i.GetString()!).ToArray();
        var items = inputs.Select((text, index) => (index, new[] { float.Parse(text, System.Globalization.CultureInfo.InvariantCulture), 0f })).Reverse();
        string json = Canned.Embeddings(items, promptTokens: inputs.Length, cost: inputs.Length * 0.0000006);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
    }
}
