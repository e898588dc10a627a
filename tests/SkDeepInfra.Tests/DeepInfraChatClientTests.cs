using Microsoft.Extensions.Logging;

namespace SkDeepInfra;

public sealed class DeepInfraChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_AnyRequest_PostsJsonToChatCompletionsWithBearerKey()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        await client.GetResponseAsync("Hello!");

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(new Uri("https://deepinfra.test/v1/openai/chat/completions"), sent.Uri);
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        Assert.Equal("application/json", Assert.Single(sent.Headers.Accept).MediaType);
        Assert.Equal("""{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Hello!"}]}""", sent.Body);
    }

    [Fact]
    public async Task GetResponseAsync_EmptyApiKey_SendsNoAuthorizationHeader()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler, apiKey: "");

        await client.GetResponseAsync("Hello!");

        Assert.Null(Assert.Single(handler.Requests).Authorization);
    }

    [Fact]
    public async Task GetResponseAsync_ModelIdInOptions_OverridesDefaultModel()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        await client.GetResponseAsync("Hi", new ChatOptions { ModelId = "Qwen/Qwen2.5-72B-Instruct" });

        Assert.Equal("Qwen/Qwen2.5-72B-Instruct", handler.SingleJson().GetProperty("model").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_NullMessages_ThrowsArgumentNullBeforeSending()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        ArgumentNullException ex = await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetResponseAsync((IEnumerable<ChatMessage>)null!));

        Assert.Equal("messages", ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankModelId_ThrowsArgumentException(string modelId)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new DeepInfraChatClient(modelId, new DeepInfraClientOptions { ApiKey = "k" }));

        Assert.Equal("modelId", ex.ParamName);
    }

    [Fact]
    public void GetService_ChatClientMetadata_DescribesProviderEndpointAndModel()
    {
        using DeepInfraChatClient client = TestClients.Create(new RecordingHandler());

        ChatClientMetadata metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));

        Assert.Equal("deepinfra", metadata.ProviderName);
        Assert.Equal(new Uri("https://deepinfra.test/v1/openai/"), metadata.ProviderUri);
        Assert.Equal(Canned.Model, metadata.DefaultModelId);
    }

    [Theory]
    [InlineData(typeof(IChatClient))]
    [InlineData(typeof(DeepInfraChatClient))]
    public void GetService_OwnType_ReturnsSelf(Type serviceType)
    {
        using DeepInfraChatClient client = TestClients.Create(new RecordingHandler());

        Assert.Same(client, client.GetService(serviceType));
    }

    [Theory]
    [InlineData(typeof(IChatClient))]
    [InlineData(typeof(ChatClientMetadata))]
    public void GetService_WithServiceKey_ReturnsNull(Type serviceType)
    {
        using DeepInfraChatClient client = TestClients.Create(new RecordingHandler());

        Assert.Null(client.GetService(serviceType, "some-key"));
    }

    [Fact]
    public void GetService_UnrelatedType_ReturnsNull()
    {
        using DeepInfraChatClient client = TestClients.Create(new RecordingHandler());

        Assert.Null(client.GetService(typeof(HttpClient)));
    }

    [Fact]
    public void GetService_NullType_ThrowsArgumentNull()
    {
        using DeepInfraChatClient client = TestClients.Create(new RecordingHandler());

        Assert.Throws<ArgumentNullException>(() => client.GetService(null!));
    }

    [Fact]
    public async Task Dispose_CallerHttpClient_StillUsable()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using var httpClient = new HttpClient(handler);
        var client = new DeepInfraChatClient(Canned.Model, new DeepInfraClientOptions { ApiKey = TestClients.ApiKey }, httpClient);

        client.Dispose();
        using HttpResponseMessage response = await httpClient.GetAsync(new Uri("https://deepinfra.test/after-dispose"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://deepinfra.test/after-dispose", Assert.Single(handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task Constructor_HttpClientBaseAddressAndDefaultOptions_UsesBaseAddress()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using var httpClient = new HttpClient(handler) { BaseAddress = new Uri("http://localhost:5080/v1/openai") };
        using var client = new DeepInfraChatClient(Canned.Model, new DeepInfraClientOptions { ApiKey = TestClients.ApiKey }, httpClient);

        await client.GetResponseAsync("Hi");

        Assert.Equal(new Uri("http://localhost:5080/v1/openai/chat/completions"), Assert.Single(handler.Requests).Uri);
        Assert.Equal(new Uri("http://localhost:5080/v1/openai/"), client.GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public async Task Constructor_ExplicitEndpointAndBaseAddress_UsesEndpoint()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using var httpClient = new HttpClient(handler) { BaseAddress = new Uri("http://localhost:5080/") };
        var options = new DeepInfraClientOptions { ApiKey = TestClients.ApiKey, Endpoint = new Uri("https://proxy.test/deepinfra") };
        using var client = new DeepInfraChatClient(Canned.Model, options, httpClient);

        await client.GetResponseAsync("Hi");

        Assert.Equal(new Uri("https://proxy.test/deepinfra/chat/completions"), Assert.Single(handler.Requests).Uri);
    }

    [Fact]
    public async Task GetResponseAsync_Success_LogsOneCompletedLineAtInformation()
    {
        const string Usage = """{"prompt_tokens":15,"completion_tokens":16,"total_tokens":31,"estimated_cost":0.00035}""";
        var handler = new RecordingHandler().ReplyJson(Canned.Completion(usage: Usage));
        var provider = new ListLoggerProvider();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(provider));
        using DeepInfraChatClient client = TestClients.Create(handler, loggerFactory: loggerFactory);

        await client.GetResponseAsync("Hi");

        string line = Assert.Single(provider.Lines);
        Assert.StartsWith("Information ", line, StringComparison.Ordinal);
        Assert.Contains("request completed", line, StringComparison.Ordinal);
        Assert.Contains("model " + Canned.Model, line, StringComparison.Ordinal);
        Assert.Contains("status 200", line, StringComparison.Ordinal);
        Assert.Contains("input tokens 15", line, StringComparison.Ordinal);
        Assert.Contains("output tokens 16", line, StringComparison.Ordinal);
        Assert.Contains("estimated cost 0.00035 USD", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_DebugLevel_DoesNotLogBodies()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Secret answer"));
        var provider = new ListLoggerProvider();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(provider));
        using DeepInfraChatClient client = TestClients.Create(handler, loggerFactory: loggerFactory);

        await client.GetResponseAsync("Secret question");

        Assert.NotEmpty(provider.Lines);
        Assert.All(provider.Lines, line =>
        {
            Assert.DoesNotContain("body", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret", line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task GetResponseAsync_TraceLevel_LogsRequestAndResponseBodiesAtTrace()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Secret answer"));
        using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider provider);
        using DeepInfraChatClient client = TestClients.Create(handler, loggerFactory: loggerFactory);

        await client.GetResponseAsync("Secret question");

        string request = Assert.Single(provider.Lines, l => l.Contains("request body", StringComparison.Ordinal));
        Assert.StartsWith("Trace ", request, StringComparison.Ordinal);
        Assert.Contains(handler.Requests[0].Body, request, StringComparison.Ordinal);
        string response = Assert.Single(provider.Lines, l => l.Contains("response body", StringComparison.Ordinal));
        Assert.StartsWith("Trace ", response, StringComparison.Ordinal);
        Assert.Contains("Secret answer", response, StringComparison.Ordinal);
    }
}
