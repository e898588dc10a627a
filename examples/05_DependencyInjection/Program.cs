// Shows: a generic host with appsettings.json: DeepInfraClientOptions bound from the "DeepInfra" section and used for an
// IChatClient registered with AddChatClient, plus Semantic Kernel's IChatCompletionService from AddDeepInfraChatCompletion.
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra;
using SkDeepInfra.Examples;

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(emulator =>
    emulator.Enqueue(
        EmulatorReplyFor("Dependency injection hands a class what it needs instead of letting it build it."),
        EmulatorReplyFor("Semantic Kernel resolves this service from the same container.")));

HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
IConfigurationSection section = builder.Configuration.GetSection("DeepInfra");
DeepInfraClientOptions options = section.Get<DeepInfraClientOptions>() ?? new DeepInfraClientOptions();
if (endpoint.IsOffline)
{
    options.Endpoint = endpoint.Uri;
}

string modelId = section["ModelId"] ?? ExampleEndpoint.Model;
builder.Services
    .AddChatClient(services => new DeepInfraChatClient(modelId, options, loggerFactory: services.GetService<ILoggerFactory>()))
    .UseLogging();
builder.Services.AddDeepInfraChatCompletion(modelId, options.ApiKey, options.Endpoint, serviceId: "deepinfra");
builder.Services.AddKernel();

using IHost host = builder.Build();

IChatClient chat = host.Services.GetRequiredService<IChatClient>();
ChatResponse answer = await chat.GetResponseAsync("Explain dependency injection in one sentence.");
Console.WriteLine($"IChatClient ({options.MaxRetries} retries configured): {answer.Text}");

IChatCompletionService service = host.Services.GetRequiredKeyedService<IChatCompletionService>("deepinfra");
ChatMessageContent reply = await service.GetChatMessageContentAsync("Where does this service come from?");
Console.WriteLine($"IChatCompletionService: {reply.Content}");

static SkDeepInfra.Testing.EmulatorReply EmulatorReplyFor(string text) => SkDeepInfra.Testing.EmulatorReply.Text(text);
