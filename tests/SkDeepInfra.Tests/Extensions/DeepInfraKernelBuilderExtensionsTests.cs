using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace SkDeepInfra.Extensions;

public sealed class DeepInfraKernelBuilderExtensionsTests
{
    private const string LargeModel = "meta-llama/Llama-3.3-70B-Instruct";

    [Fact]
    public void AddDeepInfraChatCompletion_WithServiceId_ResolvesKeyedServiceWithAttributes()
    {
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, serviceId: "x", httpClient: new HttpClient(new RecordingHandler()))
            .Build();

        IChatCompletionService service = kernel.GetRequiredService<IChatCompletionService>("x");

        Assert.IsType<DeepInfraChatCompletionService>(service);
        Assert.Equal(Canned.Model, service.Attributes[AIServiceExtensions.ModelIdKey]);
        Assert.Equal("https://deepinfra.test/v1/openai/", service.Attributes[AIServiceExtensions.EndpointKey]);
        Assert.Same(service, kernel.GetRequiredService<IChatCompletionService>("x"));
    }

    [Fact]
    public void AddDeepInfraChatCompletion_WithoutServiceId_ResolvesUnkeyed()
    {
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, httpClient: new HttpClient(new RecordingHandler()))
            .Build();

        IChatCompletionService service = kernel.GetRequiredService<IChatCompletionService>();

        Assert.IsType<DeepInfraChatCompletionService>(service);
        Assert.Equal(Canned.Model, service.GetModelId());
    }

    [Fact]
    public void AddDeepInfraChatCompletion_NoEndpoint_UsesDeepInfrasEndpoint()
    {
        Kernel kernel = Kernel.CreateBuilder().AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey).Build();

        Assert.Equal("https://api.deepinfra.com/v1/openai/", kernel.GetRequiredService<IChatCompletionService>().GetEndpoint());
    }

    [Fact]
    public async Task AddDeepInfraChatCompletion_TwoModels_EachServiceSendsItsModelAndKey()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("small")).ReplyJson(Canned.Completion("large"));
        var http = new HttpClient(handler);
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, "key-small", TestServices.Endpoint, serviceId: "small", httpClient: http)
            .AddDeepInfraChatCompletion(LargeModel, "key-large", TestServices.Endpoint, serviceId: "large", httpClient: http)
            .Build();

        IChatCompletionService small = kernel.GetRequiredService<IChatCompletionService>("small");
        IChatCompletionService large = kernel.GetRequiredService<IChatCompletionService>("large");
        await small.GetChatMessageContentAsync("Hi");
        await large.GetChatMessageContentAsync("Hi");

        Assert.NotSame(small, large);
        Assert.Equal(LargeModel, large.GetModelId());
        Assert.Equal(Canned.Model, handler.Requests[0].Json.GetProperty("model").GetString());
        Assert.Equal("Bearer key-small", handler.Requests[0].Authorization);
        Assert.Equal(LargeModel, handler.Requests[1].Json.GetProperty("model").GetString());
        Assert.Equal("Bearer key-large", handler.Requests[1].Authorization);
    }

    [Fact]
    public async Task InvokePromptAsync_SettingsServiceId_SelectsThatService()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("large"));
        var http = new HttpClient(handler);
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, serviceId: "small", httpClient: http)
            .AddDeepInfraChatCompletion(LargeModel, TestClients.ApiKey, TestServices.Endpoint, serviceId: "large", httpClient: http)
            .Build();

        FunctionResult result = await kernel.InvokePromptAsync("Hi", new KernelArguments(new DeepInfraPromptExecutionSettings { ServiceId = "large", TopK = 5 }));

        Assert.Equal("large", result.GetValue<string>());
        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(LargeModel, sent.Json.GetProperty("model").GetString());
        Assert.Equal(5, sent.Json.GetProperty("top_k").GetInt32());
    }

    [Fact]
    public async Task AddDeepInfraChatCompletion_RegisteredLoggerFactory_LogsRequests()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider provider);
        IKernelBuilder builder = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, httpClient: new HttpClient(handler));
        builder.Services.AddSingleton(loggerFactory);
        Kernel kernel = builder.Build();

        await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync("Hi");

        Assert.Contains(provider.Lines, l => l.Contains("DeepInfra request completed: model " + Canned.Model, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddDeepInfraChatCompletion_HttpClientInContainer_UsedWhenNoneIsGiven()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("from the container"));
        IKernelBuilder builder = Kernel.CreateBuilder().AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint);
        builder.Services.AddSingleton(new HttpClient(handler));

        ChatMessageContent reply = await builder.Build().GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync("Hi");

        Assert.Equal("from the container", reply.Content);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AddDeepInfraChatCompletion_NoModelId_ThrowsArgumentException(string? modelId)
    {
        IKernelBuilder builder = Kernel.CreateBuilder();

        var ex = Assert.Throws<ArgumentException>(() => builder.AddDeepInfraChatCompletion(modelId!, TestClients.ApiKey));

        Assert.Equal("modelId", ex.ParamName);
    }

    [Fact]
    public void AddDeepInfraChatCompletion_NullBuilder_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => DeepInfraKernelBuilderExtensions.AddDeepInfraChatCompletion(null!, Canned.Model));

        Assert.Equal("builder", ex.ParamName);
    }
}
