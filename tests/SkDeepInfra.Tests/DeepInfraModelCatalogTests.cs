using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace SkDeepInfra;

public sealed class DeepInfraModelCatalogTests
{
    private const string ModelsUri = "https://deepinfra.test/v1/openai/models";
    private const string Llama = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    private const string Bge = "BAAI/bge-large-en-v1.5";

    /// <summary>Shaped like DeepInfra's reply: a chat model, an embedding model (input price only), a model with no metadata.</summary>
    private const string CatalogJson = """
        {"object":"list","data":[
          {"id":"meta-llama/Meta-Llama-3.1-8B-Instruct","object":"model","created":1721347200,"owned_by":"deepinfra","root":"meta-llama/Meta-Llama-3.1-8B-Instruct","parent":null,
           "metadata":{"description":"Meta developed and released the Meta Llama 3.1 family of large language models.","context_length":131072,"max_tokens":16384,
                       "pricing":{"input_tokens":0.03,"output_tokens":0.05,"cache_read_tokens":0.01},"tags":["vision","prompt_cache"]}},
          {"id":"BAAI/bge-large-en-v1.5","object":"model","created":1700000000,"owned_by":"baai","root":"BAAI/bge-large-en-v1.5","parent":null,
           "metadata":{"description":"BGE embedding model.","context_length":512,"max_tokens":null,"pricing":{"input_tokens":0.01},"tags":[]}},
          {"id":"stabilityai/sdxl-turbo","object":"model","created":1701000000,"owned_by":"deepinfra","root":"stabilityai/sdxl-turbo","parent":null,"metadata":null}
        ]}
        """;

    private const string OtherCatalogJson = """{"object":"list","data":[{"id":"Qwen/Qwen2.5-72B-Instruct","object":"model","created":1726000000,"owned_by":"deepinfra","metadata":null}]}""";

    [Fact]
    public async Task GetModelsAsync_FirstCall_SendsOneBodilessGetToModelsWithTheKey()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        DeepInfraModelCatalog catalog = Create(handler);

        await catalog.GetModelsAsync();

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal(ModelsUri, sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        Assert.Equal(string.Empty, sent.Body);
        Assert.Equal(["application/json"], sent.Headers.Accept.Select(a => a.MediaType));
        Assert.Equal("SkDeepInfra", Assert.Single(sent.Headers.UserAgent).Product!.Name);
    }

    [Fact]
    public async Task GetModelsAsync_NoKeyConfigured_SendsAuthorizationOnlyFromTheEnvironment()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        DeepInfraModelCatalog catalog = Create(handler, apiKey: null);
        string? environmentKey = Environment.GetEnvironmentVariable(DeepInfraClientOptions.ApiKeyEnvironmentVariable);

        await catalog.GetModelsAsync();

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(string.IsNullOrEmpty(environmentKey) ? null : "Bearer " + environmentKey, sent.Authorization);
        Assert.Equal(ModelsUri, sent.Uri.ToString());
    }

    [Fact]
    public async Task GetModelsAsync_EndpointWithoutTrailingSlash_AppendsModelsToItsPath()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        var catalog = new DeepInfraModelCatalog(
            new DeepInfraClientOptions { ApiKey = TestClients.ApiKey, Endpoint = new Uri("https://proxy.example.test/deepinfra"), MaxRetries = 0 },
            new HttpClient(handler));

        await catalog.GetModelsAsync();

        Assert.Equal("https://proxy.example.test/deepinfra/models", Assert.Single(handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task GetModelsAsync_HttpClientBaseAddressAndDefaultEndpoint_SendsToTheBaseAddress()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        var catalog = new DeepInfraModelCatalog(
            new DeepInfraClientOptions { ApiKey = TestClients.ApiKey },
            new HttpClient(handler) { BaseAddress = new Uri("https://gateway.example.test/v1/openai/") });

        await catalog.GetModelsAsync();

        Assert.Equal("https://gateway.example.test/v1/openai/models", Assert.Single(handler.Requests).Uri.ToString());
        Assert.Equal("DeepInfraModelCatalog { Endpoint = https://gateway.example.test/v1/openai/, CacheDuration = 01:00:00 }", catalog.ToString());
    }

    [Fact]
    public async Task GetModelsAsync_RealisticReply_MapsEveryFieldInOrder()
    {
        DeepInfraModelCatalog catalog = Create(new RecordingHandler().ReplyJson(CatalogJson));

        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();

        Assert.Equal([Llama, Bge, "stabilityai/sdxl-turbo"], models.Select(m => m.Id));

        DeepInfraModelInfo llama = models[0];
        Assert.Equal("deepinfra", llama.OwnedBy);
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 0, 0, 0, TimeSpan.Zero), llama.CreatedAt);
        Assert.Equal("Meta developed and released the Meta Llama 3.1 family of large language models.", llama.Description);
        Assert.Equal(131072, llama.ContextLength);
        Assert.Equal(16384, llama.MaxOutputTokens);
        Assert.Equal(["vision", "prompt_cache"], llama.Tags);
        Assert.NotNull(llama.Pricing);
        Assert.Equal(0.03m, llama.Pricing.InputPerMillionTokens);
        Assert.Equal(0.05m, llama.Pricing.OutputPerMillionTokens);
        Assert.Equal(0.01m, llama.Pricing.CacheReadPerMillionTokens);

        DeepInfraModelInfo bge = models[1];
        Assert.Equal("baai", bge.OwnedBy);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero), bge.CreatedAt);
        Assert.Equal("BGE embedding model.", bge.Description);
        Assert.Equal(512, bge.ContextLength);
        Assert.Null(bge.MaxOutputTokens);
        Assert.Empty(bge.Tags);
        Assert.NotNull(bge.Pricing);
        Assert.Equal(0.01m, bge.Pricing.InputPerMillionTokens);
        Assert.Null(bge.Pricing.OutputPerMillionTokens);
        Assert.Null(bge.Pricing.CacheReadPerMillionTokens);

        DeepInfraModelInfo sdxl = models[2];
        Assert.Equal("deepinfra", sdxl.OwnedBy);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1701000000), sdxl.CreatedAt);
        Assert.Null(sdxl.Description);
        Assert.Null(sdxl.ContextLength);
        Assert.Null(sdxl.MaxOutputTokens);
        Assert.Null(sdxl.Pricing);
        Assert.Empty(sdxl.Tags);
    }

    [Fact]
    public async Task HasTag_AnyCase_MatchesOnlyListedTags()
    {
        DeepInfraModelCatalog catalog = Create(new RecordingHandler().ReplyJson(CatalogJson));

        DeepInfraModelInfo llama = (await catalog.GetModelAsync(Llama))!;

        Assert.True(llama.HasTag("vision"));
        Assert.True(llama.HasTag("VISION"));
        Assert.True(llama.HasTag("Prompt_Cache"));
        Assert.False(llama.HasTag("reasoning"));
        Assert.False(llama.HasTag("prompt"));
        Assert.False((await catalog.GetModelAsync(Bge))!.HasTag("vision"));
    }

    [Fact]
    public async Task EstimateCost_CatalogPrices_IsExactInDecimal()
    {
        DeepInfraModelCatalog catalog = Create(new RecordingHandler().ReplyJson(CatalogJson));
        DeepInfraModelPricing llama = (await catalog.GetModelAsync(Llama))!.Pricing!;
        DeepInfraModelPricing bge = (await catalog.GetModelAsync(Bge))!.Pricing!;

        Assert.Equal(0.00006537m, llama.EstimateCost(1234, 567));
        Assert.Equal(0.03m, llama.EstimateCost(1_000_000));
        Assert.Equal(0m, llama.EstimateCost(0, 0));
        Assert.Equal(0.00001m, bge.EstimateCost(1000));
        Assert.Null(bge.EstimateCost(1000, 1));
    }

    [Fact]
    public void EstimateCost_NegativeTokenCount_ThrowsNamingTheCount()
    {
        var pricing = new DeepInfraModelPricing { InputPerMillionTokens = 0.03m, OutputPerMillionTokens = 0.05m };

        Assert.Equal("inputTokens", Assert.Throws<ArgumentOutOfRangeException>(() => pricing.EstimateCost(-1)).ParamName);
        Assert.Equal("outputTokens", Assert.Throws<ArgumentOutOfRangeException>(() => pricing.EstimateCost(1, -1)).ParamName);
    }

    [Fact]
    public async Task ToString_CommaDecimalCulture_UsesInvariantFormatting()
    {
        DeepInfraModelCatalog catalog = Create(new RecordingHandler().ReplyJson(CatalogJson));
        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();
        CultureInfo original = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";

        string llama;
        string sdxl;
        try
        {
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("0,03", 0.03m.ToString(CultureInfo.CurrentCulture));
            llama = models[0].ToString();
            sdxl = models[2].ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct (context 131072 tokens, $0.03 in / $0.05 out per 1M tokens)", llama);
        Assert.Equal("stabilityai/sdxl-turbo (context ? tokens, no published price)", sdxl);
    }

    [Fact]
    public async Task GetModelsAsync_NullMetadataAndMissingMembers_LeaveNullsAndEmptyTags()
    {
        const string json = """
            {"object":"list","data":[
              {"id":"a/null-metadata","metadata":null},
              {"id":"b/bare"},
              {"id":"c/zeros","created":0,"metadata":{"context_length":0,"max_tokens":0,"pricing":{},"tags":null}},
              {"id":"d/partial","created":-5,"owned_by":null,"metadata":{"description":null,"pricing":null,"tags":["",null,"reasoning"]}},
              {"id":"e/output-only","metadata":{"pricing":{"output_tokens":0.4}}}
            ]}
            """;
        DeepInfraModelCatalog catalog = Create(new RecordingHandler().ReplyJson(json));

        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();

        Assert.Equal(["a/null-metadata", "b/bare", "c/zeros", "d/partial", "e/output-only"], models.Select(m => m.Id));
        foreach (DeepInfraModelInfo model in models.Take(4))
        {
            Assert.Null(model.OwnedBy);
            Assert.Null(model.CreatedAt);
            Assert.Null(model.Description);
            Assert.Null(model.ContextLength);
            Assert.Null(model.MaxOutputTokens);
            Assert.Null(model.Pricing);
        }

        Assert.Empty(models[0].Tags);
        Assert.Empty(models[1].Tags);
        Assert.Empty(models[2].Tags);
        Assert.Equal(["reasoning"], models[3].Tags);
        DeepInfraModelPricing outputOnly = models[4].Pricing!;
        Assert.Null(outputOnly.InputPerMillionTokens);
        Assert.Equal(0.4m, outputOnly.OutputPerMillionTokens);
        Assert.Null(outputOnly.EstimateCost(10, 10));
        Assert.Equal(0.000004m, outputOnly.EstimateCost(0, 10));
        Assert.Equal("e/output-only (context ? tokens, ? in / $0.4 out per 1M tokens)", models[4].ToString());
    }

    [Fact]
    public async Task GetModelsAsync_EntriesWithoutId_AreSkipped()
    {
        const string json = """
            {"object":"list","data":[
              {"object":"model","owned_by":"deepinfra"},
              {"id":"first/kept","object":"model"},
              {"id":null,"object":"model"},
              {"id":"","object":"model"},
              {"id":"   ","object":"model"},
              null,
              {"id":"second/kept","object":"model"}
            ]}
            """;
        DeepInfraModelCatalog catalog = Create(new RecordingHandler().ReplyJson(json));

        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();

        Assert.Equal(["first/kept", "second/kept"], models.Select(m => m.Id));
    }

    [Fact]
    public async Task GetModelsAsync_EmptyData_ReturnsNoModels()
    {
        DeepInfraModelCatalog catalog = Create(new RecordingHandler().ReplyJson("""{"object":"list","data":[]}"""));

        Assert.Empty(await catalog.GetModelsAsync());
        Assert.Null(await catalog.GetModelAsync(Llama));
    }

    [Fact]
    public async Task GetModelsAsync_PricesAsStrings_AreParsedExactly()
    {
        const string json = """
            {"object":"list","data":[{"id":"deepseek-ai/DeepSeek-V3","metadata":{"pricing":{"input_tokens":"0.38","output_tokens":"0.89","cache_read_tokens":"0.019"}}}]}
            """;
        DeepInfraModelCatalog catalog = Create(new RecordingHandler().ReplyJson(json));

        DeepInfraModelPricing pricing = Assert.Single(await catalog.GetModelsAsync()).Pricing!;

        Assert.Equal(0.38m, pricing.InputPerMillionTokens);
        Assert.Equal(0.89m, pricing.OutputPerMillionTokens);
        Assert.Equal(0.019m, pricing.CacheReadPerMillionTokens);
        Assert.Equal(0.00127m, pricing.EstimateCost(1000, 1000));
    }

    [Fact]
    public async Task GetModelsAsync_WithinCacheDuration_SendsOneRequestForEveryCall()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson).ReplyJson(OtherCatalogJson);
        DeepInfraModelCatalog catalog = Create(handler);
        long now = 1_000_000;
        catalog.Timestamp = () => now;

        IReadOnlyList<DeepInfraModelInfo> first = await catalog.GetModelsAsync();
        now += (long)(TimeSpan.FromMinutes(59).TotalSeconds * Stopwatch.Frequency);
        IReadOnlyList<DeepInfraModelInfo> second = await catalog.GetModelsAsync();
        DeepInfraModelInfo? bge = await catalog.GetModelAsync(Bge);

        Assert.Single(handler.Requests);
        Assert.Same(first, second);
        Assert.Same(first[1], bge);
        Assert.Equal(TimeSpan.FromHours(1), catalog.CacheDuration);
        Assert.Equal(TimeSpan.FromHours(1), DeepInfraModelCatalog.DefaultCacheDuration);
    }

    [Fact]
    public async Task GetModelsAsync_AfterCacheDurationElapses_FetchesAgainAndServesTheNewList()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson).ReplyJson(OtherCatalogJson);
        DeepInfraModelCatalog catalog = Create(handler, cacheDuration: TimeSpan.FromMinutes(10));
        long now = 5_000_000;
        catalog.Timestamp = () => now;

        await catalog.GetModelsAsync();
        now += (long)(599 * Stopwatch.Frequency);
        IReadOnlyList<DeepInfraModelInfo> stillCached = await catalog.GetModelsAsync();
        now += Stopwatch.Frequency;
        IReadOnlyList<DeepInfraModelInfo> refreshed = await catalog.GetModelsAsync();

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(ModelsUri, r.Uri.ToString()));
        Assert.Equal(3, stillCached.Count);
        Assert.Equal("Qwen/Qwen2.5-72B-Instruct", Assert.Single(refreshed).Id);
        Assert.Null(await catalog.GetModelAsync(Llama));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetModelsAsync_ZeroCacheDuration_FetchesOnEveryCall()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        DeepInfraModelCatalog catalog = Create(handler, cacheDuration: TimeSpan.Zero);
        catalog.Timestamp = () => 42;

        await catalog.GetModelsAsync();
        await catalog.GetModelsAsync();
        await catalog.GetModelAsync(Llama);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(TimeSpan.Zero, catalog.CacheDuration);
    }

    [Fact]
    public async Task GetModelsAsync_MaxValueCacheDuration_KeepsTheListUntilInvalidated()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson).ReplyJson(OtherCatalogJson);
        DeepInfraModelCatalog catalog = Create(handler, cacheDuration: TimeSpan.MaxValue);
        long now = 0;
        catalog.Timestamp = () => now;

        await catalog.GetModelsAsync();
        now = long.MaxValue / 2;
        Assert.Equal(3, (await catalog.GetModelsAsync()).Count);
        catalog.Invalidate();
        Assert.Single(await catalog.GetModelsAsync());

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public void CacheDuration_Negative_ThrowsNamingCacheDuration()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DeepInfraModelCatalog(new DeepInfraClientOptions { ApiKey = TestClients.ApiKey }, new HttpClient(new RecordingHandler())) { CacheDuration = TimeSpan.FromTicks(-1) });

        Assert.Equal("CacheDuration", error.ParamName);
        Assert.Equal(TimeSpan.FromTicks(-1), error.ActualValue);
    }

    [Fact]
    public async Task Invalidate_AfterAFetch_MakesTheNextCallFetchAgain()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson).ReplyJson(OtherCatalogJson);
        DeepInfraModelCatalog catalog = Create(handler);
        catalog.Timestamp = () => 7;

        Assert.Equal(3, (await catalog.GetModelsAsync()).Count);
        catalog.Invalidate();
        IReadOnlyList<DeepInfraModelInfo> after = await catalog.GetModelsAsync();
        await catalog.GetModelsAsync();

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("Qwen/Qwen2.5-72B-Instruct", Assert.Single(after).Id);
    }

    [Fact]
    public async Task Invalidate_WhileAFetchIsInFlight_TheCallAfterItCompletesFetchesAgain()
    {
        var recording = new RecordingHandler().ReplyJson(CatalogJson).ReplyJson(OtherCatalogJson);
        var gated = new GatedHandler(recording);
        DeepInfraModelCatalog catalog = Create(gated);

        Task<IReadOnlyList<DeepInfraModelInfo>> inFlight = catalog.GetModelsAsync();
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        catalog.Invalidate();
        gated.Release();
        Assert.Equal(3, (await inFlight.WaitAsync(TimeSpan.FromSeconds(10))).Count);

        IReadOnlyList<DeepInfraModelInfo> next = await catalog.GetModelsAsync();

        // Invalidate's contract: "Drops the cached list; the next call fetches it again."
        Assert.Equal(2, recording.Requests.Count);
        Assert.Equal("Qwen/Qwen2.5-72B-Instruct", Assert.Single(next).Id);
    }

    [Fact]
    public async Task GetModelsAsync_TwentyConcurrentCallers_ShareOneRequest()
    {
        var recording = new RecordingHandler().ReplyJson(CatalogJson);
        var gated = new GatedHandler(recording);
        DeepInfraModelCatalog catalog = Create(gated);
        using var start = new ManualResetEventSlim();
        using var waiting = new CountdownEvent(20);

        Task<IReadOnlyList<DeepInfraModelInfo>>[] callers = [.. Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
        {
            start.Wait();
            Task<IReadOnlyList<DeepInfraModelInfo>> call = catalog.GetModelsAsync();
            waiting.Signal();
            return call;
        }))];
        start.Set();
        Assert.True(waiting.Wait(TimeSpan.FromSeconds(10)), "Not every caller started waiting.");
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        gated.Release();

        IReadOnlyList<DeepInfraModelInfo>[] results = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, gated.Arrived);
        RecordedRequest sent = Assert.Single(recording.Requests);
        Assert.Equal(ModelsUri, sent.Uri.ToString());
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal(3, results[0].Count);
    }

    [Fact]
    public async Task GetModelsAsync_SharedFetchFails_ThrowsToEveryWaiterAndTheNextCallFetchesAgain()
    {
        var recording = new RecordingHandler()
            .ReplyJson("""{"error":{"message":"internal error"}}""", HttpStatusCode.InternalServerError)
            .ReplyJson(CatalogJson);
        var gated = new GatedHandler(recording);
        DeepInfraModelCatalog catalog = Create(gated, maxRetries: 0);

        Task<IReadOnlyList<DeepInfraModelInfo>> first = catalog.GetModelsAsync();
        Task<DeepInfraModelInfo?> second = catalog.GetModelAsync(Llama);
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        gated.Release();

        DeepInfraException firstError = await Assert.ThrowsAsync<DeepInfraException>(() => first);
        DeepInfraException secondError = await Assert.ThrowsAsync<DeepInfraException>(() => second);
        Assert.Single(recording.Requests);
        Assert.Equal(HttpStatusCode.InternalServerError, firstError.StatusCode);
        Assert.Equal("DeepInfra returned 500 (InternalServerError): internal error.", firstError.Message);
        Assert.Equal(HttpStatusCode.InternalServerError, secondError.StatusCode);
        Assert.Equal("internal error", secondError.ProviderMessage);

        IReadOnlyList<DeepInfraModelInfo> retried = await catalog.GetModelsAsync();

        Assert.Equal(2, recording.Requests.Count);
        Assert.Equal(3, retried.Count);
        Assert.Equal(Llama, (await catalog.GetModelAsync(Llama))!.Id);
        Assert.Equal(2, recording.Requests.Count);
    }

    [Fact]
    public async Task GetModelsAsync_HtmlWith200ThenAList_FailureIsNotCached()
    {
        var handler = new RecordingHandler()
            .ReplyText("<html><body>Bad gateway</body></html>", "text/html")
            .ReplyJson(CatalogJson);
        DeepInfraModelCatalog catalog = Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => catalog.GetModelsAsync());
        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.StartsWith("DeepInfra returned a reply that could not be read: the body is not a model list (text/html): ", error.Message, StringComparison.Ordinal);
        Assert.Equal("<html><body>Bad gateway</body></html>", error.ResponseContent);
        Assert.Equal(3, models.Count);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetModelsAsync_OneCallerCancels_OnlyThatWaitEndsAndTheOtherGetsTheList()
    {
        var recording = new RecordingHandler().ReplyJson(CatalogJson);
        var gated = new GatedHandler(recording);
        DeepInfraModelCatalog catalog = Create(gated);
        using var cancellation = new CancellationTokenSource();

        Task<IReadOnlyList<DeepInfraModelInfo>> cancelled = catalog.GetModelsAsync(cancellation.Token);
        Task<IReadOnlyList<DeepInfraModelInfo>> patient = catalog.GetModelsAsync();
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();

        OperationCanceledException error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.False(patient.IsCompleted);
        gated.Release();

        IReadOnlyList<DeepInfraModelInfo> models = await patient.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, models.Count);
        Assert.Single(recording.Requests);
        Assert.Same(models, await catalog.GetModelsAsync());
        Assert.Single(recording.Requests);
    }

    [Fact]
    public async Task GetModelsAsync_AlreadyCancelledToken_ThrowsOperationCanceled()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        var gated = new GatedHandler(handler);
        DeepInfraModelCatalog catalog = Create(gated);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => catalog.GetModelsAsync(new CancellationToken(canceled: true)).WaitAsync(TimeSpan.FromSeconds(10)));
        gated.Release();
        await catalog.GetModelsAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetModelsAsync_401WithKey_ThrowsProviderMessageAndNeverTheKey()
    {
        var handler = new RecordingHandler().ReplyJson(
            """{"error":{"message":"Invalid API key: test-key-5f3a9c1e7b2d"}}""",
            HttpStatusCode.Unauthorized);
        DeepInfraModelCatalog catalog = Create(handler, maxRetries: 3);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => catalog.GetModelsAsync());

        Assert.Single(handler.Requests);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("DeepInfra returned 401 (Unauthorized): Invalid API key: ***.", error.Message);
        Assert.Equal("Invalid API key: ***", error.ProviderMessage);
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.ResponseContent ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, catalog.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("No API key is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModelsAsync_401WithoutAnyKey_SaysNoKeyIsConfigured()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DeepInfraClientOptions.ApiKeyEnvironmentVariable)))
        {
            return; // with DEEPINFRA_TOKEN set a key is always configured; the keyed case is covered above
        }

        var handler = new RecordingHandler().ReplyJson("""{"detail":"Missing token"}""", HttpStatusCode.Unauthorized);
        DeepInfraModelCatalog catalog = Create(handler, apiKey: null);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => catalog.GetModelsAsync());

        Assert.Null(Assert.Single(handler.Requests).Authorization);
        Assert.Equal(
            "DeepInfra returned 401 (Unauthorized): Missing token. No API key is configured: set DeepInfraClientOptions.ApiKey or the DEEPINFRA_TOKEN environment variable.",
            error.Message);
    }

    [Fact]
    public async Task GetModelsAsync_EntriesOrMetadataOfAnUnknownShape_SkippedOrDroppedOthersKept()
    {
        const string json = """
            {"object":"list","data":[
              5,
              {"id":["not","a","string"]},
              {"id":"x/odd-metadata","metadata":{"context_length":"big","pricing":{"input_tokens":0.1}}},
              "text",
              {"id":"y/fine","metadata":{"context_length":8192,"pricing":{"input_tokens":0.2,"output_tokens":0.4}}}
            ]}
            """;
        var catalog = new DeepInfraModelCatalog(new DeepInfraClientOptions { ApiKey = TestClients.ApiKey, Endpoint = TestServices.Endpoint }, new HttpClient(new RecordingHandler().ReplyJson(json)));

        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();

        Assert.Equal(["x/odd-metadata", "y/fine"], models.Select(m => m.Id));
        Assert.Null(models[0].ContextLength);
        Assert.Null(models[0].Pricing);
        Assert.Equal(8192, models[1].ContextLength);
        Assert.Equal(0.4m, models[1].Pricing!.OutputPerMillionTokens);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Welcome</body></html>", "text/html", "the body is not a model list (text/html): ")]
    [InlineData("""{"data":5}""", "application/json", "the body is not a model list (application/json): ")]
    [InlineData("""{"data":{"id":"x"}}""", "application/json", "the body is not a model list (application/json): ")]
    [InlineData("""[{"id":"x"}]""", "application/json", "the body is not a model list (application/json): ")]
    [InlineData("null", "application/json", "the body is empty or null, not a model list.")]
    [InlineData("", "application/json", "the body is not a model list (application/json): ")]
    [InlineData("""{"object":"list"}""", "application/json", "the model list has no 'data' array.")]
    [InlineData("""{"object":"list","data":null}""", "application/json", "the model list has no 'data' array.")]
    [InlineData("""{"object":"list","data":[""", "application/json", "the body is not a model list (application/json): ")]
    public async Task GetModelsAsync_UnusableBodyWith200_ThrowsDeepInfraExceptionSayingWhy(string body, string mediaType, string reason)
    {
        var handler = new RecordingHandler().ReplyText(body, mediaType);
        DeepInfraModelCatalog catalog = Create(handler);

        Exception error = await Record.ExceptionAsync(() => catalog.GetModelsAsync());

        DeepInfraException deepInfra = Assert.IsType<DeepInfraException>(error);
        Assert.Equal(HttpStatusCode.OK, deepInfra.StatusCode);
        Assert.StartsWith("DeepInfra returned a reply that could not be read: " + reason, deepInfra.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetModelsAsync_503ThenList_RetriesAndReturnsTheList()
    {
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero))
            .ReplyJson(CatalogJson);
        DeepInfraModelCatalog catalog = Create(handler, maxRetries: 2);

        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();

        Assert.Equal(3, models.Count);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(HttpMethod.Get, r.Method);
            Assert.Equal(ModelsUri, r.Uri.ToString());
            Assert.Equal("Bearer " + TestClients.ApiKey, r.Authorization);
        });
    }

    [Fact]
    public async Task GetModelsAsync_503BeyondMaxRetries_ThrowsAfterEveryAttempt()
    {
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero));
        DeepInfraModelCatalog catalog = Create(handler, maxRetries: 2);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => catalog.GetModelsAsync());

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("DeepInfra returned 503 (ServiceUnavailable): busy.", error.Message);
    }

    [Fact]
    public async Task GetModelAsync_ExactCaseInsensitiveAndMissing_ResolvesFromOneFetch()
    {
        const string json = """
            {"object":"list","data":[
              {"id":"Org/Model-A","metadata":{"context_length":1000}},
              {"id":"org/model-a","metadata":{"context_length":2000}},
              {"id":"meta-llama/Meta-Llama-3.1-8B-Instruct","metadata":{"context_length":131072}}
            ]}
            """;
        var handler = new RecordingHandler().ReplyJson(json);
        DeepInfraModelCatalog catalog = Create(handler);

        DeepInfraModelInfo? exactUpper = await catalog.GetModelAsync("Org/Model-A");
        DeepInfraModelInfo? exactLower = await catalog.GetModelAsync("org/model-a");
        DeepInfraModelInfo? otherCase = await catalog.GetModelAsync("ORG/MODEL-A");
        DeepInfraModelInfo? llama = await catalog.GetModelAsync("META-LLAMA/meta-llama-3.1-8b-instruct");
        DeepInfraModelInfo? missing = await catalog.GetModelAsync("meta-llama/Meta-Llama-3.1-405B-Instruct");

        Assert.Equal(1000, exactUpper!.ContextLength);
        Assert.Equal(2000, exactLower!.ContextLength);
        Assert.Same(exactUpper, otherCase);
        Assert.Equal(Llama, llama!.Id);
        Assert.Null(missing);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task GetModelAsync_BlankId_ThrowsArgumentExceptionWithoutSending(string? modelId)
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        DeepInfraModelCatalog catalog = Create(handler);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => catalog.GetModelAsync(modelId!));

        Assert.Equal("modelId", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void ToString_WithKey_DescribesEndpointAndDurationWithoutTheKey()
    {
        DeepInfraModelCatalog catalog = Create(new RecordingHandler(), cacheDuration: TimeSpan.FromMinutes(5));

        Assert.Equal("DeepInfraModelCatalog { Endpoint = https://deepinfra.test/v1/openai/, CacheDuration = 00:05:00 }", catalog.ToString());
    }

    [Fact]
    public async Task GetModelsAsync_WithLogger_LogsTheLoadedCount()
    {
        using Microsoft.Extensions.Logging.ILoggerFactory factory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
        var catalog = new DeepInfraModelCatalog(
            new DeepInfraClientOptions { ApiKey = TestClients.ApiKey, Endpoint = TestServices.Endpoint, MaxRetries = 0 },
            new HttpClient(new RecordingHandler().ReplyJson(CatalogJson)),
            factory);

        await catalog.GetModelsAsync();

        Assert.Contains(logs.Lines, l => l.StartsWith("Information SkDeepInfra.DeepInfraModelCatalog: DeepInfra model catalog loaded: 3 models in ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(TestClients.ApiKey, StringComparison.Ordinal));
    }

    private static DeepInfraModelCatalog Create(HttpMessageHandler handler, string? apiKey = TestClients.ApiKey, int maxRetries = 0, TimeSpan? cacheDuration = null) =>
        new(new DeepInfraClientOptions { ApiKey = apiKey, Endpoint = TestServices.Endpoint, MaxRetries = maxRetries }, new HttpClient(handler))
        {
            CacheDuration = cacheDuration ?? DeepInfraModelCatalog.DefaultCacheDuration,
        };
}
