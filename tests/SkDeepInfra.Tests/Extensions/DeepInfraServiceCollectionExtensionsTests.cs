using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace SkDeepInfra.Extensions;

public sealed class DeepInfraServiceCollectionExtensionsTests
{
    [Fact]
    public void AddDeepInfraChatClient_Registration_ReturnsBuilderAndResolvesClientWithMetadata()
    {
        var services = new ServiceCollection();

        ChatClientBuilder builder = services.AddDeepInfraChatClient(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, new HttpClient(new RecordingHandler()));
        using ServiceProvider provider = services.BuildServiceProvider();
        IChatClient client = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(builder);
        ChatClientMetadata metadata = client.GetService<ChatClientMetadata>()!;
        Assert.Equal("deepinfra", metadata.ProviderName);
        Assert.Equal(Canned.Model, metadata.DefaultModelId);
        Assert.Equal(TestServices.Endpoint, metadata.ProviderUri);
        Assert.NotNull(client.GetService<DeepInfraChatClient>());
    }

    [Fact]
    public async Task AddDeepInfraChatClient_Resolved_SendsThroughTheHandler()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Hello from DI"));
        var services = new ServiceCollection();
        services.AddDeepInfraChatClient(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        ChatResponse response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("Hello from DI", response.Text);
        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal("https://deepinfra.test/v1/openai/chat/completions", sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
    }

    [Fact]
    public async Task AddDeepInfraChatClient_MiddlewareOnReturnedBuilder_IsInThePipeline()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var services = new ServiceCollection();
        CountingChatClient? counter = null;
        services.AddDeepInfraChatClient(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, new HttpClient(handler))
            .Use(inner => counter = new CountingChatClient(inner));
        using ServiceProvider provider = services.BuildServiceProvider();
        IChatClient client = provider.GetRequiredService<IChatClient>();

        await client.GetResponseAsync("Hi");
        await client.GetResponseAsync("Again");

        Assert.IsType<CountingChatClient>(client);
        Assert.Equal(2, counter!.Calls);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("deepinfra", client.GetService<ChatClientMetadata>()!.ProviderName);
    }

    [Fact]
    public async Task AddDeepInfraChatClient_RegisteredLoggerFactory_LogsRequests()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddDeepInfraChatClient(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Contains(logs.Lines, l => l.Contains("DeepInfra request starting: model " + Canned.Model, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("DeepInfra request completed: model " + Canned.Model, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(TestClients.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddDeepInfraChatClient_HttpClientInContainer_UsedWhenNoneIsGiven()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("from the container"));
        var services = new ServiceCollection();
        services.AddSingleton(new HttpClient(handler));
        services.AddDeepInfraChatClient(Canned.Model, TestClients.ApiKey, TestServices.Endpoint);
        using ServiceProvider provider = services.BuildServiceProvider();

        ChatResponse response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("from the container", response.Text);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void AddDeepInfraChatCompletion_ServiceCollection_RegistersKeyedSingleton()
    {
        var services = new ServiceCollection();
        services.AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, serviceId: "x", httpClient: new HttpClient(new RecordingHandler()));
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatCompletionService service = provider.GetRequiredKeyedService<IChatCompletionService>("x");

        Assert.IsType<DeepInfraChatCompletionService>(service);
        Assert.Same(service, provider.GetRequiredKeyedService<IChatCompletionService>("x"));
        Assert.Null(provider.GetService<IChatCompletionService>());
        Assert.Equal(Canned.Model, service.GetModelId());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void AddDeepInfraChatClient_NoModelId_ThrowsArgumentException(string? modelId)
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddDeepInfraChatClient(modelId!, TestClients.ApiKey));

        Assert.Equal("modelId", ex.ParamName);
        Assert.Empty(services);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void AddDeepInfraChatCompletion_NoModelId_ThrowsArgumentException(string? modelId)
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddDeepInfraChatCompletion(modelId!, TestClients.ApiKey));

        Assert.Equal("modelId", ex.ParamName);
        Assert.Empty(services);
    }

    [Fact]
    public void AddDeepInfraChatClient_NullServices_ThrowsArgumentNullException()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => DeepInfraServiceCollectionExtensions.AddDeepInfraChatClient(null!, Canned.Model)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => DeepInfraServiceCollectionExtensions.AddDeepInfraChatCompletion(null!, Canned.Model)).ParamName);
    }

    private sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        public int Calls { get; private set; }

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
