using System.ComponentModel;
using Microsoft.SemanticKernel;
using KernelInvocationContext = Microsoft.SemanticKernel.FunctionInvocationContext;

namespace SkDeepInfra.Agents;

/// <summary>The agent factory: an Agent Framework agent over the middleware, configured by the options.</summary>
public sealed class DeepInfraAgentChatClientExtensionsTests
{
    [Fact]
    public async Task AsDeepInfraToolAgent_Options_ConfigureTheLoopAndEveryRequest()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Hi."));
        var budget = new AgentBudget { MaxModelCalls = 4 };
        ChatClientAgent agent = harness.Client.AsDeepInfraToolAgent("Answer in French.", [new TestTools().Weather], new DeepInfraAgentOptions
        {
            Name = "weather-bot",
            Budget = budget,
            MaximumIterationsPerRequest = 7,
            MaximumConsecutiveErrorsPerRequest = 2,
            AllowConcurrentInvocation = false,
            IncludeDetailedErrors = true,
            ValidateToolArguments = false,
            ChatOptions = new ChatOptions { Temperature = 0.1f, AdditionalProperties = new() { [DeepInfraPropertyNames.MinP] = 0.05 } },
        });

        await agent.RunAsync("Hello.");

        ToolLoopChatClient loop = agent.GetService<ToolLoopChatClient>()!;
        Assert.Equal((budget, 7, 2, false, true, false), (loop.Budget, loop.MaximumIterationsPerRequest, loop.MaximumConsecutiveErrorsPerRequest, loop.AllowConcurrentInvocation, loop.IncludeDetailedErrors, loop.ValidateToolArguments));
        Assert.NotNull(agent.GetService<RunLedgerChatClient>());
        Assert.NotNull(agent.GetService<ToolCallRecoveryChatClient>());
        Assert.Equal("weather-bot", agent.Name);
        EmulatorRequest request = Assert.Single(harness.Requests);
        Assert.Equal("Answer in French.", request.Messages[0].GetProperty("content").GetString());
        Assert.Equal(0.05, request.Json.GetProperty("min_p").GetDouble(), 6);
        Assert.Equal("get_weather", request.Tools.Single().GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AsDeepInfraToolAgent_RecoveryOff_HasNoRecoveryAndTextStaysText()
    {
        await using var harness = new AgentHarness();
        const string Json = """{"name": "get_weather", "parameters": {"city": "Paris"}}""";
        harness.Emulator.Enqueue(EmulatorReply.Text(Json));
        ChatClientAgent agent = harness.Agent([new TestTools().Weather], new DeepInfraAgentOptions { RecoverTextToolCalls = false });

        AgentResponse response = await agent.RunAsync("Weather?");

        Assert.Null(agent.GetService<ToolCallRecoveryChatClient>());
        Assert.Equal(Json, response.Text);
    }

    [Fact]
    public void AsDeepInfraToolAgent_ClientThatAlreadyInvokesFunctions_Throws()
    {
        using var inner = new DeepInfraChatClient(AgentHarness.Model, new DeepInfraClientOptions { ApiKey = "unused" });
        IChatClient withLoop = inner.AsBuilder().UseFunctionInvocation().Build();

        ArgumentException error = Assert.Throws<ArgumentException>(() => withLoop.AsDeepInfraToolAgent());

        Assert.Equal("chatClient", error.ParamName);
    }

    [Fact]
    public async Task AsDeepInfraToolAgent_KernelPlugins_BecomeToolsInvokedThroughTheKernel()
    {
        await using var harness = new AgentHarness();
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.Plugins.AddFromType<WeatherPlugin>("weather");
        Kernel kernel = builder.Build();
        var filtered = new List<string>();
        kernel.FunctionInvocationFilters.Add(new RecordingFilter(filtered));
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("weather_get_weather", """{"city":"Oslo"}""", "call_1")),
            EmulatorReply.Text("Oslo: 4 °C."));
        ChatClientAgent agent = harness.Agent([], new DeepInfraAgentOptions { Kernel = kernel });

        AgentResponse response = await agent.RunAsync("Weather in Oslo?");

        Assert.Equal("weather_get_weather", harness.Requests[0].Tools.Single().GetProperty("function").GetProperty("name").GetString());
        Assert.Equal([("call_1", "Oslo: 4 °C")], harness.ToolMessagesOf(1));
        Assert.Equal(["get_weather"], filtered);
        Assert.True(response.GetRunOutcome()!.IsCompleted);
    }

    [Fact]
    public async Task AsDeepInfraToolAgent_KernelFunctionAsTool_Runs()
    {
        await using var harness = new AgentHarness();
        KernelFunction function = KernelPluginFactory.CreateFromType<WeatherPlugin>("weather")["get_weather"];
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("weather_get_weather", """{"city":"Lima"}""", "call_1")),
            EmulatorReply.Text("Lima: 4 °C."));

        await harness.Agent([function]).RunAsync("Weather in Lima?");

        Assert.Equal("weather_get_weather", harness.Requests[0].Tools.Single().GetProperty("function").GetProperty("name").GetString());
        Assert.Equal([("call_1", "Lima: 4 °C")], harness.ToolMessagesOf(1));
    }

    [Fact]
    public void DeepInfraAgentOptions_LimitsBelowOne_Throw()
    {
        var options = new DeepInfraAgentOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaximumIterationsPerRequest = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaximumConsecutiveErrorsPerRequest = 0);
        Assert.Equal((40, 3, true, false, true, true), (options.MaximumIterationsPerRequest, options.MaximumConsecutiveErrorsPerRequest, options.AllowConcurrentInvocation, options.IncludeDetailedErrors, options.ValidateToolArguments, options.RecoverTextToolCalls));
    }

    public sealed class WeatherPlugin
    {
        [KernelFunction("get_weather"), Description("Gets the weather for a city.")]
        public string GetWeather([Description("The city.")] string city) => $"{city}: 4 °C";
    }

    private sealed class RecordingFilter(List<string> calls) : IFunctionInvocationFilter
    {
        public async Task OnFunctionInvocationAsync(KernelInvocationContext context, Func<KernelInvocationContext, Task> next)
        {
            calls.Add(context.Function.Name);
            await next(context);
        }
    }
}
