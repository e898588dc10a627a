using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SkDeepInfra.Extensions;

public sealed class DeepInfraConfigurationRegistrationTests
{
    [Fact]
    public async Task AddDeepInfraChatClient_FromSection_UsesModelKeyEndpointAndRetries()
    {
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero))
            .ReplyJson(Canned.Completion("configured"));
        IConfigurationSection section = Section(new()
        {
            ["DeepInfra:ModelId"] = "meta-llama/Meta-Llama-3.1-70B-Instruct",
            ["DeepInfra:ApiKey"] = "config-key-1",
            ["DeepInfra:Endpoint"] = "https://proxy.example.test/deepinfra/",
            ["DeepInfra:MaxRetries"] = "1",
        });
        var services = new ServiceCollection();
        services.AddDeepInfraChatClient(section, new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatClient client = provider.GetRequiredService<IChatClient>();
        ChatResponse response = await client.GetResponseAsync("hi");

        Assert.Equal("configured", response.Text);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("https://proxy.example.test/deepinfra/chat/completions", handler.Requests[1].Uri.ToString());
        Assert.Equal("Bearer config-key-1", handler.Requests[1].Authorization);
        Assert.Equal("meta-llama/Meta-Llama-3.1-70B-Instruct", handler.Requests[1].Json.GetProperty("model").GetString());
        ChatClientMetadata metadata = client.GetService<ChatClientMetadata>()!;
        Assert.Equal("deepinfra", metadata.ProviderName);
        Assert.Equal("meta-llama/Meta-Llama-3.1-70B-Instruct", metadata.DefaultModelId);
    }

    [Fact]
    public async Task AddDeepInfraChatClient_MaxRetriesZeroInSection_SendsOnce()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable);
        var services = new ServiceCollection();
        services.AddDeepInfraChatClient(Section(new() { ["DeepInfra:ModelId"] = Canned.Model, ["DeepInfra:MaxRetries"] = "0", ["DeepInfra:ApiKey"] = "k" }), new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<DeepInfraException>(() => provider.GetRequiredService<IChatClient>().GetResponseAsync("hi"));

        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(null, null, null, "DeepInfra:ModelId")]
    [InlineData("m", "not a uri", null, "DeepInfra:Endpoint")]
    [InlineData("m", "ftp://files.example.test/", null, "DeepInfra:Endpoint")]
    [InlineData("m", null, "eleven", "DeepInfra:MaxRetries")]
    [InlineData("m", null, "11", "DeepInfra:MaxRetries")]
    [InlineData("m", null, null, "DeepInfra:MaxResponseBytes", "12")]
    [InlineData("m", null, null, "DeepInfra:MaxStreamEventBytes", "lots")]
    public void AddDeepInfraChatClient_InvalidSection_ThrowsOnResolveNamingThePath(string? model, string? endpoint, string? retries, string path, string? limit = null)
    {
        var values = new Dictionary<string, string?> { ["DeepInfra:ModelId"] = model, ["DeepInfra:Endpoint"] = endpoint, ["DeepInfra:MaxRetries"] = retries };
        if (limit is not null)
        {
            values[path] = limit;
        }

        var services = new ServiceCollection();
        services.AddDeepInfraChatClient(Section(values));
        using ServiceProvider provider = services.BuildServiceProvider();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IChatClient>());

        Assert.Contains("'" + path + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDeepInfraChatClient_SizeLimitsInSection_AreEnforced()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion(new string('x', 4096)));
        var services = new ServiceCollection();
        services.AddDeepInfraChatClient(
            Section(new() { ["DeepInfra:ModelId"] = Canned.Model, ["DeepInfra:ApiKey"] = "k", ["DeepInfra:MaxResponseBytes"] = "2048" }),
            new HttpClient(handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<DeepInfraException>(() => provider.GetRequiredService<IChatClient>().GetResponseAsync("hi"));
    }

    [Fact]
    public void AddKeyedDeepInfraChatClient_TwoModels_ResolveSideBySide()
    {
        var services = new ServiceCollection();
        services.AddKeyedDeepInfraChatClient("small", "meta-llama/Meta-Llama-3.1-8B-Instruct", apiKey: "k");
        services.AddKeyedDeepInfraChatClient("big", Section(new() { ["DeepInfra:ModelId"] = "meta-llama/Meta-Llama-3.1-405B-Instruct", ["DeepInfra:ApiKey"] = "k" }));
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct", provider.GetRequiredKeyedService<IChatClient>("small").GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal("meta-llama/Meta-Llama-3.1-405B-Instruct", provider.GetRequiredKeyedService<IChatClient>("big").GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Null(provider.GetService<IChatClient>());
    }

    [Fact]
    public void AddKeyedDeepInfraChatClient_ReturnedBuilder_AddsMiddlewareToThatKeyOnly()
    {
        var services = new ServiceCollection();
        services.AddKeyedDeepInfraChatClient("logged", Canned.Model, apiKey: "k").Use(inner => new MarkerChatClient(inner));
        services.AddKeyedDeepInfraChatClient("plain", Canned.Model, apiKey: "k");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.IsType<MarkerChatClient>(provider.GetRequiredKeyedService<IChatClient>("logged"));
        Assert.IsType<DeepInfraChatClient>(provider.GetRequiredKeyedService<IChatClient>("plain"));
    }

    [Fact]
    public async Task AddDeepInfraChatCompletion_KernelFromSection_ResolvesConfiguredService()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("from the kernel"));
        IConfigurationSection section = Section(new()
        {
            ["DeepInfra:ModelId"] = "meta-llama/Meta-Llama-3.1-70B-Instruct",
            ["DeepInfra:ApiKey"] = "config-key-2",
            ["DeepInfra:Endpoint"] = "https://deepinfra.test/v1/openai/",
        });
        Kernel kernel = Kernel.CreateBuilder().AddDeepInfraChatCompletion(section, serviceId: "cfg", httpClient: new HttpClient(handler)).Build();

        IChatCompletionService service = kernel.GetRequiredService<IChatCompletionService>("cfg");
        ChatMessageContent reply = await service.GetChatMessageContentAsync("hi");

        Assert.IsType<DeepInfraChatCompletionService>(service);
        Assert.Equal("meta-llama/Meta-Llama-3.1-70B-Instruct", service.Attributes["ModelId"]);
        Assert.Equal("from the kernel", reply.Content);
        Assert.Equal("Bearer config-key-2", Assert.Single(handler.Requests).Authorization);
    }

    [Fact]
    public void AddDeepInfraChatClient_NullConfiguration_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddDeepInfraChatClient((IConfiguration)null!));
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("DeepInfra");

    private sealed class MarkerChatClient(IChatClient inner) : DelegatingChatClient(inner);
}
