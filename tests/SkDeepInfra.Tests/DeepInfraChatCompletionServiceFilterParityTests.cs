using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SkFunctionCallContent = Microsoft.SemanticKernel.FunctionCallContent;
using SkFunctionResultContent = Microsoft.SemanticKernel.FunctionResultContent;
using static SkDeepInfra.TestSupport.SkScenarios;

namespace SkDeepInfra;

/// <summary>
/// The function-calling loop and filter scenarios of Semantic Kernel's own OpenAI connector tests (AutoFunctionInvocationFilterTests,
/// OpenAIChatCompletionServiceTests), replayed against DeepInfra's service: the same requests, invocations and history.
/// </summary>
public sealed class DeepInfraChatCompletionServiceFilterParityTests
{
    private const string ParisCall = """{"city":"Paris","days":3}""";

    [Fact]
    public async Task GetChatMessageContentsAsync_FilterTrimsHistory_NextRequestSendsTheTrimmedHistory()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel();
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter(async (context, next) =>
        {
            await next(context);
            context.ChatHistory.RemoveAt(0); // drop the oldest message, as history-trimming filters do
        }));
        ChatHistory history = History();

        await TestServices.Create(handler).GetChatMessageContentsAsync(history, Auto(), kernel);

        JsonElement[] second = [.. handler.Requests[1].Json.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["assistant", "tool"], second.Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoFilter_SeesTheCallersSettingsAndHistory()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel();
        PromptExecutionSettings? seenSettings = null;
        ChatHistory? seenHistory = null;
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter((context, next) =>
        {
            seenSettings = context.ExecutionSettings;
            seenHistory = context.ChatHistory;
            return next(context);
        }));
        ChatHistory history = History();
        PromptExecutionSettings settings = Auto();

        await TestServices.Create(handler).GetChatMessageContentsAsync(history, settings, kernel);

        Assert.Same(settings, seenSettings);
        Assert.Same(history, seenHistory);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ToolCallReplyWithoutFunctionChoiceBehavior_ReturnsTheCallsUninvoked()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.ToolCallCompletion(("call_1", "weather-get_weather", ParisCall)));

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(History(), new DeepInfraPromptExecutionSettings(), WeatherKernel()));

        Assert.Single(handler.Requests);
        SkFunctionCallContent call = Assert.Single(result.Items.OfType<SkFunctionCallContent>());
        Assert.Equal("weather", call.PluginName);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("call_1", call.Id);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ConcurrentInvocation_InvokesEveryCallAndAddsResultsInCallOrder()
    {
        var handler = new RecordingHandler()
            .ReplyJson(Canned.ToolCallCompletion(("call_1", "weather-get_weather", """{"city":"Paris"}"""), ("call_2", "weather-get_weather", """{"city":"Rome"}""")))
            .ReplyJson(Canned.Completion("Both sunny."));
        var settings = new DeepInfraPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(options: new FunctionChoiceBehaviorOptions { AllowConcurrentInvocation = true }),
        };
        ChatHistory history = History();

        await TestServices.Create(handler).GetChatMessageContentsAsync(history, settings, WeatherKernel());

        Assert.Equal(["call_1", "call_2"], history.Skip(2).Select(m => Assert.Single(m.Items.OfType<SkFunctionResultContent>()).CallId));
        Assert.Equal(["Sunny in Paris", "Sunny in Rome"], history.Skip(2).Select(m => m.Content));
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_FilterTrimsHistory_NextRequestSendsTheTrimmedHistory()
    {
        var handler = new RecordingHandler()
            .ReplySse(TestServices.ToolCallStream(TestServices.ToolCallUsage, ("call_1", "weather-get_weather", """{"city":"Paris"}""")))
            .ReplySse(TestServices.TextStream(Canned.DefaultUsage, "Sunny."));
        Kernel kernel = WeatherKernel();
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter(async (context, next) =>
        {
            await next(context);
            context.ChatHistory.RemoveAt(0);
        }));

        await TestServices.CollectAsync(TestServices.Create(handler).GetStreamingChatMessageContentsAsync(History(), Auto(), kernel));

        JsonElement[] second = [.. handler.Requests[1].Json.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["assistant", "tool"], second.Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_FilterSkipsTheFunction_SendsAnEmptyResultWithoutInvoking()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel(out List<string> invoked);
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter((_, _) => Task.CompletedTask));

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        Assert.Empty(invoked);
        Assert.Equal(string.Empty, handler.Requests[1].Json.GetProperty("messages")[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_FilterHandlesTheFunctionsException_SendsTheFiltersResult()
    {
        var handler = ToolThenText();
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("weather", [KernelFunctionFactory.CreateFromMethod(string (string city) => throw new InvalidOperationException("down"), "get_weather")]);
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (InvalidOperationException)
            {
                context.Result = new FunctionResult(context.Function, "Result from filter");
            }
        }));

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        Assert.Equal("Result from filter", handler.Requests[1].Json.GetProperty("messages")[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_FunctionThrowsWithoutFilter_TellsTheModel()
    {
        var handler = ToolThenText();
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("weather", [KernelFunctionFactory.CreateFromMethod(string (string city) => throw new InvalidOperationException("down"), "get_weather")]);

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        Assert.Equal("Error: Exception while invoking function. down", handler.Requests[1].Json.GetProperty("messages")[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ConcurrentCalls_FilterSeesEachSequenceIndexAndCount()
    {
        var handler = new RecordingHandler()
            .ReplyJson(Canned.ToolCallCompletion(("call_1", "weather-get_weather", """{"city":"Paris"}"""), ("call_2", "weather-get_weather", """{"city":"Rome"}""")))
            .ReplyJson(Canned.Completion("Both sunny."));
        Kernel kernel = WeatherKernel();
        var seen = new System.Collections.Concurrent.ConcurrentBag<(string?, int, int, int)>();
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter((context, next) =>
        {
            seen.Add((context.ToolCallId, context.FunctionSequenceIndex, context.FunctionCount, context.RequestSequenceIndex));
            return next(context);
        }));
        var settings = new DeepInfraPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(options: new FunctionChoiceBehaviorOptions { AllowConcurrentInvocation = true }),
        };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings, kernel);

        Assert.Equal([("call_1", 0, 2, 0), ("call_2", 1, 2, 0)], seen.OrderBy(s => s.Item2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetChatMessageContentsAsync_AllowParallelCalls_SendsParallelToolCalls(bool allow)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new DeepInfraPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(options: new FunctionChoiceBehaviorOptions { AllowParallelCalls = allow }),
        };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings, WeatherKernel());

        Assert.Equal(allow, handler.Requests[0].Json.GetProperty("parallel_tool_calls").GetBoolean());
    }

    [Fact]
    public async Task InvokePromptAsync_Settings_ReachTheFilterContext()
    {
        var handler = ToolThenText();
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(TestServices.Create(handler));
        builder.Plugins.AddFromType<WeatherPlugin>("weather");
        Kernel kernel = builder.Build();
        PromptExecutionSettings? seen = null;
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter((context, next) =>
        {
            seen = context.ExecutionSettings;
            return next(context);
        }));
        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), Temperature = 0.2 };

        FunctionResult result = await kernel.InvokePromptAsync("What is the weather in Paris?", new KernelArguments(settings));

        Assert.Equal("It is sunny in Paris.", result.ToString());
        Assert.Same(settings, seen);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_TwoAutoFilters_RunInOrderAroundTheFunction()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel(out List<string> invoked);
        var order = new List<string>();
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter(async (context, next) => { order.Add("first in"); await next(context); order.Add("first out"); }));
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter(async (context, next) => { order.Add("second in"); await next(context); order.Add("second out"); }));

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        Assert.Equal(["first in", "second in", "second out", "first out"], order);
        Assert.Equal(["Paris"], invoked);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_FilterOverridesArguments_FunctionGetsTheNewOnes()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel(out List<string> invoked);
        kernel.AutoFunctionInvocationFilters.Add(new DelegateAutoFilter((context, next) =>
        {
            context.Arguments!["city"] = "Rome";
            return next(context);
        }));

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        Assert.Equal(["Rome"], invoked);
        Assert.Equal("Sunny in Rome", handler.Requests[1].Json.GetProperty("messages")[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_CallWithEmptyArguments_InvokesWithoutThrowing()
    {
        var handler = new RecordingHandler()
            .ReplySse(TestServices.ToolCallStream(TestServices.ToolCallUsage, ("call_1", "clock-now", "")))
            .ReplySse(TestServices.TextStream(Canned.DefaultUsage, "Noon."));
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("clock", [KernelFunctionFactory.CreateFromMethod(() => "12:00", "now")]);

        List<StreamingChatMessageContent> updates = await TestServices.CollectAsync(TestServices.Create(handler).GetStreamingChatMessageContentsAsync(History(), Auto(), kernel));

        Assert.Equal("Noon.", string.Concat(updates.Select(u => u.Content)));
        Assert.Equal("12:00", handler.Requests[1].Json.GetProperty("messages")[2].GetProperty("content").GetString());
    }
}
