using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Extensions;

public sealed class DeepInfraEmbeddingRegistrationTests
{
    private const string Bge = "BAAI/bge-large-en-v1.5";
    private const string E5 = "intfloat/e5-large-v2";
    private const string EmbeddingsUri = "https://deepinfra.test/v1/openai/embeddings";

    private const string EmbeddingReply =
        """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,0.25]}],"model":"BAAI/bge-large-en-v1.5","usage":{"prompt_tokens":3,"total_tokens":3}}""";

    private const string CatalogJson =
        """{"object":"list","data":[{"id":"BAAI/bge-large-en-v1.5","object":"model","created":1700000000,"owned_by":"deepinfra","metadata":{"context_length":512,"pricing":{"input_tokens":0.01},"tags":[]}}]}""";

    [Fact]
    public void AddDeepInfraEmbeddingGenerator_Registration_ResolvesGeneratorWithMetadata()
    {
        var services = new ServiceCollection();

        EmbeddingGeneratorBuilder<string, Embedding<float>> builder =
            services.AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, TestServices.Endpoint, 64, new HttpClient(new RecordingHandler()));
        using ServiceProvider provider = services.BuildServiceProvider();
        IEmbeddingGenerator<string, Embedding<float>> generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.NotNull(builder);
        Assert.IsType<DeepInfraEmbeddingGenerator>(generator);
        AssertMetadata(generator, Bge, TestServices.Endpoint, 64);
        Assert.Same(generator, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal("DeepInfraEmbeddingGenerator { Endpoint = https://deepinfra.test/v1/openai/, Model = BAAI/bge-large-en-v1.5 }", generator.ToString());
    }

    [Fact]
    public void AddDeepInfraEmbeddingGenerator_NoDimensions_MetadataHasNoDimensions()
    {
        var services = new ServiceCollection();
        services.AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, TestServices.Endpoint, httpClient: new HttpClient(new RecordingHandler()));
        using ServiceProvider provider = services.BuildServiceProvider();

        AssertMetadata(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), Bge, TestServices.Endpoint, null);
    }

    [Fact]
    public async Task AddDeepInfraEmbeddingGenerator_Resolved_SendsToEmbeddingsWithKeyAndDimensions()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        var services = new ServiceCollection();
        services.AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, TestServices.Endpoint, 64, new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        GeneratedEmbeddings<Embedding<float>> result = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["hello world"]);

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(EmbeddingsUri, sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        SentRequests.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["hello world"],"encoding_format":"base64","dimensions":64}""", sent.Json);
        AssertReply(result);
    }

    [Fact]
    public async Task AddDeepInfraEmbeddingGenerator_NoHttpClientGiven_UsesTheContainersHttpClient()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        var services = new ServiceCollection();
        services.AddSingleton(new HttpClient(handler));
        services.AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, TestServices.Endpoint);
        using ServiceProvider provider = services.BuildServiceProvider();

        GeneratedEmbeddings<Embedding<float>> result = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["hello world"]);

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(EmbeddingsUri, sent.Uri.ToString());
        SentRequests.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["hello world"],"encoding_format":"base64"}""", sent.Json);
        AssertReply(result);
    }

    [Fact]
    public async Task AddDeepInfraEmbeddingGenerator_MiddlewareOnReturnedBuilder_IsInThePipeline()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        var services = new ServiceCollection();
        CountingEmbeddingGenerator? counter = null;
        services.AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, TestServices.Endpoint, 64, new HttpClient(handler))
            .Use(inner => counter = new CountingEmbeddingGenerator(inner));
        using ServiceProvider provider = services.BuildServiceProvider();
        IEmbeddingGenerator<string, Embedding<float>> generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        await generator.GenerateAsync(["one"]);
        GeneratedEmbeddings<Embedding<float>> second = await generator.GenerateAsync(["two"]);

        Assert.IsType<CountingEmbeddingGenerator>(generator);
        Assert.Equal(2, counter!.Calls);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("two", Assert.Single(handler.Requests[1].Json.GetProperty("input").EnumerateArray()).GetString());
        AssertMetadata(generator, Bge, TestServices.Endpoint, 64);
        Assert.IsType<DeepInfraEmbeddingGenerator>(generator.GetService<DeepInfraEmbeddingGenerator>());
        AssertReply(second);
    }

    [Fact]
    public async Task AddKeyedDeepInfraEmbeddingGenerator_TwoKeys_ResolveSideBySide()
    {
        var smallHandler = new RecordingHandler().ReplyJson(EmbeddingReply);
        var largeHandler = new RecordingHandler().ReplyJson(EmbeddingReply.Replace(Bge, E5, StringComparison.Ordinal));
        var services = new ServiceCollection();
        services.AddKeyedDeepInfraEmbeddingGenerator("small", Bge, TestClients.ApiKey, TestServices.Endpoint, 256, new HttpClient(smallHandler));
        services.AddKeyedDeepInfraEmbeddingGenerator("large", E5, "other-key-2", new Uri("https://eu.deepinfra.test/v1/openai/"), httpClient: new HttpClient(largeHandler));
        using ServiceProvider provider = services.BuildServiceProvider();

        IEmbeddingGenerator<string, Embedding<float>> small = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("small");
        IEmbeddingGenerator<string, Embedding<float>> large = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("large");
        await small.GenerateAsync(["a"]);
        GeneratedEmbeddings<Embedding<float>> fromLarge = await large.GenerateAsync(["b"]);

        Assert.NotSame(small, large);
        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        AssertMetadata(small, Bge, TestServices.Endpoint, 256);
        AssertMetadata(large, E5, new Uri("https://eu.deepinfra.test/v1/openai/"), null);
        RecordedRequest toSmall = Assert.Single(smallHandler.Requests);
        RecordedRequest toLarge = Assert.Single(largeHandler.Requests);
        Assert.Equal(EmbeddingsUri, toSmall.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, toSmall.Authorization);
        SentRequests.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["a"],"encoding_format":"base64","dimensions":256}""", toSmall.Json);
        Assert.Equal("https://eu.deepinfra.test/v1/openai/embeddings", toLarge.Uri.ToString());
        Assert.Equal("Bearer other-key-2", toLarge.Authorization);
        SentRequests.Equal("""{"model":"intfloat/e5-large-v2","input":["b"],"encoding_format":"base64"}""", toLarge.Json);
        Assert.Equal(E5, Assert.Single(fromLarge).ModelId);
    }

    [Fact]
    public async Task AddKeyedDeepInfraEmbeddingGenerator_MiddlewareOnReturnedBuilder_IsInTheKeyedPipeline()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        var services = new ServiceCollection();
        CountingEmbeddingGenerator? counter = null;
        services.AddKeyedDeepInfraEmbeddingGenerator("k", Bge, TestClients.ApiKey, TestServices.Endpoint, httpClient: new HttpClient(handler))
            .Use(inner => counter = new CountingEmbeddingGenerator(inner));
        using ServiceProvider provider = services.BuildServiceProvider();

        IEmbeddingGenerator<string, Embedding<float>> generator = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("k");
        await generator.GenerateAsync(["x"]);

        Assert.IsType<CountingEmbeddingGenerator>(generator);
        Assert.Equal(1, counter!.Calls);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AddDeepInfraEmbeddingGenerator_FromSection_UsesEveryKey()
    {
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero))
            .ReplyJson(EmbeddingReply);
        IConfigurationSection section = Section(new()
        {
            ["DeepInfraEmbeddings:ModelId"] = Bge,
            ["DeepInfraEmbeddings:ApiKey"] = "config-key-3",
            ["DeepInfraEmbeddings:Endpoint"] = "https://proxy.example.test/deepinfra/",
            ["DeepInfraEmbeddings:MaxRetries"] = "1",
            ["DeepInfraEmbeddings:MaxResponseBytes"] = "65536",
            ["DeepInfraEmbeddings:MaxStreamEventBytes"] = "2048",
            ["DeepInfraEmbeddings:Dimensions"] = "384",
        });
        var services = new ServiceCollection();
        services.AddDeepInfraEmbeddingGenerator(section, new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();
        IEmbeddingGenerator<string, Embedding<float>> generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["configured"]);

        Assert.Equal(2, handler.Requests.Count);
        RecordedRequest sent = handler.Requests[1];
        Assert.Equal("https://proxy.example.test/deepinfra/embeddings", sent.Uri.ToString());
        Assert.Equal("Bearer config-key-3", sent.Authorization);
        SentRequests.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["configured"],"encoding_format":"base64","dimensions":384}""", sent.Json);
        AssertMetadata(generator, Bge, new Uri("https://proxy.example.test/deepinfra/"), 384);
        DeepInfraEmbeddingGenerator inner = generator.GetService<DeepInfraEmbeddingGenerator>()!;
        Assert.Equal(65536, inner.Pipeline.MaxResponseBytes);
        Assert.Equal(2048, inner.Pipeline.MaxStreamEventBytes);
        AssertReply(result);
    }

    [Fact]
    public async Task AddDeepInfraEmbeddingGenerator_FromSectionWithMaxRetriesZero_SendsOnce()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable);
        var services = new ServiceCollection();
        services.AddDeepInfraEmbeddingGenerator(
            Section(new() { ["DeepInfraEmbeddings:ModelId"] = Bge, ["DeepInfraEmbeddings:ApiKey"] = "k", ["DeepInfraEmbeddings:Endpoint"] = "https://deepinfra.test/v1/openai/", ["DeepInfraEmbeddings:MaxRetries"] = "0" }),
            new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["x"]));

        Assert.Single(handler.Requests);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task AddDeepInfraEmbeddingGenerator_FromSectionWithSmallMaxResponseBytes_RejectsALargerReply()
    {
        string big = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[""" + string.Join(",", Enumerable.Repeat("0.123456", 400)) + """]}],"model":"BAAI/bge-large-en-v1.5"}""";
        var handler = new RecordingHandler().ReplyJson(big);
        var services = new ServiceCollection();
        services.AddDeepInfraEmbeddingGenerator(
            Section(new() { ["DeepInfraEmbeddings:ModelId"] = Bge, ["DeepInfraEmbeddings:ApiKey"] = "k", ["DeepInfraEmbeddings:Endpoint"] = "https://deepinfra.test/v1/openai/", ["DeepInfraEmbeddings:MaxResponseBytes"] = "1024" }),
            new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["x"]));

        Assert.Contains("1024", error.Message, StringComparison.Ordinal);
        Assert.Contains("DeepInfraClientOptions.MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDeepInfraEmbeddingGenerator_FromSection_IsReadWhenFirstResolved()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        IConfigurationRoot root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DeepInfraEmbeddings:ModelId"] = "placeholder/model" }).Build();
        var services = new ServiceCollection();
        services.AddDeepInfraEmbeddingGenerator(root.GetSection("DeepInfraEmbeddings"), new HttpClient(handler));
        root["DeepInfraEmbeddings:ModelId"] = E5;
        root["DeepInfraEmbeddings:ApiKey"] = "late-key";
        root["DeepInfraEmbeddings:Endpoint"] = "https://deepinfra.test/v1/openai/";
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["x"]);

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal("Bearer late-key", sent.Authorization);
        Assert.Equal(E5, sent.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task AddKeyedDeepInfraEmbeddingGenerator_FromSection_ResolvesByKeyWithSectionValues()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        var services = new ServiceCollection();
        services.AddKeyedDeepInfraEmbeddingGenerator(
            "cfg",
            Section(new() { ["DeepInfraEmbeddings:ModelId"] = Bge, ["DeepInfraEmbeddings:ApiKey"] = "keyed-config-key", ["DeepInfraEmbeddings:Endpoint"] = "https://deepinfra.test/v1/openai/", ["DeepInfraEmbeddings:Dimensions"] = "32" }),
            new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        IEmbeddingGenerator<string, Embedding<float>> generator = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("cfg");
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["hello world"]);

        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(EmbeddingsUri, sent.Uri.ToString());
        Assert.Equal("Bearer keyed-config-key", sent.Authorization);
        SentRequests.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["hello world"],"encoding_format":"base64","dimensions":32}""", sent.Json);
        AssertMetadata(generator, Bge, TestServices.Endpoint, 32);
        AssertReply(result);
    }

    [Theory]
    [InlineData("DeepInfraEmbeddings:Dimensions", "16", "Configuration 'DeepInfraEmbeddings:Dimensions' must be a whole number of at least 32; got '16'.")]
    [InlineData("DeepInfraEmbeddings:Dimensions", "31", "Configuration 'DeepInfraEmbeddings:Dimensions' must be a whole number of at least 32; got '31'.")]
    [InlineData("DeepInfraEmbeddings:Dimensions", "abc", "Configuration 'DeepInfraEmbeddings:Dimensions' must be a whole number of at least 32; got 'abc'.")]
    [InlineData("DeepInfraEmbeddings:Dimensions", "-64", "Configuration 'DeepInfraEmbeddings:Dimensions' must be a whole number of at least 32; got '-64'.")]
    [InlineData("DeepInfraEmbeddings:Dimensions", "64.5", "Configuration 'DeepInfraEmbeddings:Dimensions' must be a whole number of at least 32; got '64.5'.")]
    [InlineData("DeepInfraEmbeddings:ModelId", null, "Configuration 'DeepInfraEmbeddings:ModelId' is required, e.g. 'meta-llama/Meta-Llama-3.1-8B-Instruct'.")]
    [InlineData("DeepInfraEmbeddings:ModelId", "   ", "Configuration 'DeepInfraEmbeddings:ModelId' is required, e.g. 'meta-llama/Meta-Llama-3.1-8B-Instruct'.")]
    [InlineData("DeepInfraEmbeddings:Endpoint", "not a uri", "Configuration 'DeepInfraEmbeddings:Endpoint' must be an absolute http or https URI; got 'not a uri'.")]
    [InlineData("DeepInfraEmbeddings:MaxRetries", "eleven", "Configuration 'DeepInfraEmbeddings:MaxRetries' must be a whole number in [0, 10]; got 'eleven'.")]
    [InlineData("DeepInfraEmbeddings:MaxResponseBytes", "12", "Configuration 'DeepInfraEmbeddings:MaxResponseBytes' must be a whole number of bytes in [1024, 2147483647]; got '12'.")]
    public void AddDeepInfraEmbeddingGenerator_InvalidSection_ThrowsOnResolveNamingThePath(string key, string? value, string message)
    {
        var values = new Dictionary<string, string?> { ["DeepInfraEmbeddings:ModelId"] = Bge, [key] = value };
        var services = new ServiceCollection();
        services.AddDeepInfraEmbeddingGenerator(Section(values));
        services.AddKeyedDeepInfraEmbeddingGenerator("keyed", Section(values));
        using ServiceProvider provider = services.BuildServiceProvider();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        InvalidOperationException keyedError = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("keyed"));

        Assert.Equal(message, error.Message);
        Assert.Equal(message, keyedError.Message);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(0)]
    [InlineData(-1)]
    public void AddDeepInfraEmbeddingGenerator_DimensionsBelow32_ThrowsAtRegistration(int dimensions)
    {
        var services = new ServiceCollection();

        ArgumentOutOfRangeException plain = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, dimensions: dimensions));
        ArgumentOutOfRangeException keyed = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddKeyedDeepInfraEmbeddingGenerator("k", Bge, TestClients.ApiKey, dimensions: dimensions));
        ArgumentOutOfRangeException kernel = Assert.Throws<ArgumentOutOfRangeException>(() => Kernel.CreateBuilder().AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, dimensions: dimensions));

        Assert.Equal("dimensions", plain.ParamName);
        Assert.Equal("dimensions", keyed.ParamName);
        Assert.Equal("dimensions", kernel.ParamName);
        Assert.Equal(dimensions, plain.ActualValue);
        Assert.Empty(services);
    }

    [Fact]
    public void AddDeepInfraEmbeddingGenerator_Dimensions32_IsAccepted()
    {
        var services = new ServiceCollection();
        services.AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, TestServices.Endpoint, 32, new HttpClient(new RecordingHandler()));
        using ServiceProvider provider = services.BuildServiceProvider();

        AssertMetadata(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), Bge, TestServices.Endpoint, 32);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AddDeepInfraEmbeddingGenerator_BlankModelId_ThrowsAtRegistration(string? modelId)
    {
        var services = new ServiceCollection();

        Assert.ThrowsAny<ArgumentException>(() => services.AddDeepInfraEmbeddingGenerator(modelId!));
        Assert.ThrowsAny<ArgumentException>(() => services.AddKeyedDeepInfraEmbeddingGenerator("k", modelId!));
        Assert.ThrowsAny<ArgumentException>(() => Kernel.CreateBuilder().AddDeepInfraEmbeddingGenerator(modelId!));
        Assert.Empty(services);
    }

    [Fact]
    public void AddDeepInfraEmbeddingGenerator_NullArguments_ThrowArgumentNull()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddDeepInfraEmbeddingGenerator(Bge)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddDeepInfraEmbeddingGenerator((IConfiguration)null!)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddKeyedDeepInfraEmbeddingGenerator("k", (IConfiguration)null!)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((IKernelBuilder)null!).AddDeepInfraEmbeddingGenerator(Bge)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddDeepInfraModelCatalog()).ParamName);
    }

    [Fact]
    public async Task KernelBuilderAddDeepInfraEmbeddingGenerator_WithoutServiceId_ResolvesFromTheKernelAndSends()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, TestServices.Endpoint, 128, httpClient: new HttpClient(handler))
            .Build();

        IEmbeddingGenerator<string, Embedding<float>> generator = kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["hello world"]);

        Assert.IsType<DeepInfraEmbeddingGenerator>(generator);
        AssertMetadata(generator, Bge, TestServices.Endpoint, 128);
        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(EmbeddingsUri, sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        SentRequests.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["hello world"],"encoding_format":"base64","dimensions":128}""", sent.Json);
        AssertReply(result);
    }

    [Fact]
    public async Task KernelBuilderAddDeepInfraEmbeddingGenerator_WithServiceId_ResolvesKeyedAndSends()
    {
        var bgeHandler = new RecordingHandler().ReplyJson(EmbeddingReply);
        var e5Handler = new RecordingHandler().ReplyJson(EmbeddingReply.Replace(Bge, E5, StringComparison.Ordinal));
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraEmbeddingGenerator(Bge, TestClients.ApiKey, TestServices.Endpoint, serviceId: "bge", httpClient: new HttpClient(bgeHandler))
            .AddDeepInfraEmbeddingGenerator(E5, TestClients.ApiKey, TestServices.Endpoint, 64, serviceId: "e5", httpClient: new HttpClient(e5Handler))
            .Build();

        IEmbeddingGenerator<string, Embedding<float>> e5 = kernel.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("e5");
        IEmbeddingGenerator<string, Embedding<float>> bge = kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>("bge");
        GeneratedEmbeddings<Embedding<float>> result = await e5.GenerateAsync(["query: hi"]);

        AssertMetadata(e5, E5, TestServices.Endpoint, 64);
        AssertMetadata(bge, Bge, TestServices.Endpoint, null);
        Assert.Empty(bgeHandler.Requests);
        RecordedRequest sent = Assert.Single(e5Handler.Requests);
        Assert.Equal(EmbeddingsUri, sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        SentRequests.Equal("""{"model":"intfloat/e5-large-v2","input":["query: hi"],"encoding_format":"base64","dimensions":64}""", sent.Json);
        Embedding<float> embedding = Assert.Single(result);
        Assert.Equal([0.5f, 0.25f], embedding.Vector.ToArray());
        Assert.Equal(E5, embedding.ModelId);
    }

    [Fact]
    public async Task KernelBuilderAddDeepInfraEmbeddingGenerator_FromSection_ResolvesAndSends()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        IConfigurationSection section = Section(new()
        {
            ["DeepInfraEmbeddings:ModelId"] = Bge,
            ["DeepInfraEmbeddings:ApiKey"] = "kernel-config-key",
            ["DeepInfraEmbeddings:Endpoint"] = "https://deepinfra.test/v1/openai/",
            ["DeepInfraEmbeddings:Dimensions"] = "512",
        });
        Kernel kernel = Kernel.CreateBuilder().AddDeepInfraEmbeddingGenerator(section, serviceId: "cfg", httpClient: new HttpClient(handler)).Build();

        IEmbeddingGenerator<string, Embedding<float>> generator = kernel.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("cfg");
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["hello world"]);

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(EmbeddingsUri, sent.Uri.ToString());
        Assert.Equal("Bearer kernel-config-key", sent.Authorization);
        SentRequests.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["hello world"],"encoding_format":"base64","dimensions":512}""", sent.Json);
        AssertMetadata(generator, Bge, TestServices.Endpoint, 512);
        AssertReply(result);
    }

    [Fact]
    public async Task KernelBuilderAddDeepInfraEmbeddingGenerator_FromSectionWithoutServiceId_ResolvesUnkeyed()
    {
        var handler = new RecordingHandler().ReplyJson(EmbeddingReply);
        IConfigurationSection section = Section(new()
        {
            ["DeepInfraEmbeddings:ModelId"] = Bge,
            ["DeepInfraEmbeddings:ApiKey"] = "kernel-config-key",
            ["DeepInfraEmbeddings:Endpoint"] = "https://deepinfra.test/v1/openai/",
        });
        Kernel kernel = Kernel.CreateBuilder().AddDeepInfraEmbeddingGenerator(section, httpClient: new HttpClient(handler)).Build();

        await kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["hello world"]);

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal("Bearer kernel-config-key", sent.Authorization);
        SentRequests.Equal("""{"model":"BAAI/bge-large-en-v1.5","input":["hello world"],"encoding_format":"base64"}""", sent.Json);
    }

    [Fact]
    public async Task AddDeepInfraModelCatalog_CalledTwice_KeepsTheFirstSingleton()
    {
        var first = new RecordingHandler().ReplyJson(CatalogJson);
        var second = new RecordingHandler().ReplyJson(CatalogJson);
        var services = new ServiceCollection();

        IServiceCollection returned = services.AddDeepInfraModelCatalog(TestClients.ApiKey, TestServices.Endpoint, new HttpClient(first));
        services.AddDeepInfraModelCatalog("second-key", new Uri("https://other.example.test/"), new HttpClient(second));
        using ServiceProvider provider = services.BuildServiceProvider();
        DeepInfraModelCatalog catalog = provider.GetRequiredService<DeepInfraModelCatalog>();

        IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();
        await provider.GetRequiredService<DeepInfraModelCatalog>().GetModelsAsync();

        Assert.Same(services, returned);
        ServiceDescriptor descriptor = Assert.Single(services, d => d.ServiceType == typeof(DeepInfraModelCatalog));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        Assert.Same(catalog, provider.GetRequiredService<DeepInfraModelCatalog>());
        RecordedRequest sent = Assert.Single(first.Requests);
        Assert.Equal("https://deepinfra.test/v1/openai/models", sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        Assert.Empty(second.Requests);
        Assert.Equal(512, Assert.Single(models).ContextLength);
    }

    [Fact]
    public async Task AddDeepInfraModelCatalog_NoHttpClientGiven_UsesTheContainersHttpClient()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        var services = new ServiceCollection();
        services.AddSingleton(new HttpClient(handler));
        services.AddDeepInfraModelCatalog(TestClients.ApiKey, TestServices.Endpoint);
        using ServiceProvider provider = services.BuildServiceProvider();

        DeepInfraModelInfo? model = await provider.GetRequiredService<DeepInfraModelCatalog>().GetModelAsync(Bge);

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://deepinfra.test/v1/openai/models", sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        Assert.Equal(0.01m, model!.Pricing!.InputPerMillionTokens);
    }

    [Fact]
    public async Task AddDeepInfraModelCatalog_ContainerClientWithBaseAddress_SendsToTheBaseAddress()
    {
        var handler = new RecordingHandler().ReplyJson(CatalogJson);
        var services = new ServiceCollection();
        services.AddSingleton(new HttpClient(handler) { BaseAddress = new Uri("https://gateway.example.test/openai/") });
        services.AddDeepInfraModelCatalog(TestClients.ApiKey);
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<DeepInfraModelCatalog>().GetModelsAsync();

        Assert.Equal("https://gateway.example.test/openai/models", Assert.Single(handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task AddDeepInfraModelCatalog_ExplicitHttpClient_WinsOverTheContainers()
    {
        var containers = new RecordingHandler().ReplyJson(CatalogJson);
        var explicitHandler = new RecordingHandler().ReplyJson(CatalogJson);
        var services = new ServiceCollection();
        services.AddSingleton(new HttpClient(containers));
        services.AddDeepInfraModelCatalog(TestClients.ApiKey, TestServices.Endpoint, new HttpClient(explicitHandler));
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<DeepInfraModelCatalog>().GetModelsAsync();

        Assert.Single(explicitHandler.Requests);
        Assert.Empty(containers.Requests);
    }

    [Fact]
    public void AddDeepInfraModelCatalog_CatalogRegisteredBefore_IsNotReplaced()
    {
        var mine = new DeepInfraModelCatalog(new DeepInfraClientOptions { ApiKey = "k", Endpoint = TestServices.Endpoint }, new HttpClient(new RecordingHandler())) { CacheDuration = TimeSpan.FromMinutes(3) };
        var services = new ServiceCollection();
        services.AddSingleton(mine);

        services.AddDeepInfraModelCatalog(TestClients.ApiKey);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<DeepInfraModelCatalog>());
        Assert.Single(services, d => d.ServiceType == typeof(DeepInfraModelCatalog));
    }

    private static void AssertMetadata(IEmbeddingGenerator<string, Embedding<float>> generator, string model, Uri endpoint, int? dimensions)
    {
        EmbeddingGeneratorMetadata metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.NotNull(metadata);
        Assert.Equal("deepinfra", metadata.ProviderName);
        Assert.Equal(endpoint, metadata.ProviderUri);
        Assert.Equal(model, metadata.DefaultModelId);
        Assert.Equal(dimensions, metadata.DefaultModelDimensions);
    }

    private static void AssertReply(GeneratedEmbeddings<Embedding<float>> result)
    {
        Embedding<float> embedding = Assert.Single(result);
        Assert.Equal([0.5f, 0.25f], embedding.Vector.ToArray());
        Assert.Equal(Bge, embedding.ModelId);
        Assert.Equal(3, result.Usage!.InputTokenCount);
        Assert.Equal(3, result.Usage.TotalTokenCount);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("DeepInfraEmbeddings");

    private sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public int Calls { get; private set; }

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return base.GenerateAsync(values, options, cancellationToken);
        }
    }
}
