using System.ComponentModel;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkFunctionCallContent = Microsoft.SemanticKernel.FunctionCallContent;
using SkFunctionResultContent = Microsoft.SemanticKernel.FunctionResultContent;

namespace SkDeepInfra;

/// <summary>Semantic Kernel function calling through the facade: the tools sent, the loop, filters, history and cost.</summary>
public sealed class DeepInfraChatCompletionServiceFunctionCallingTests
{
    private const string WeatherTool = "weather-get_weather";
    private const string ParisCall = """{"city":"Paris"}""";

    /// <summary>Semantic Kernel's function-invocation loop stops after 128 tool rounds; one more call returns.</summary>

    private static readonly JsonSerializerOptions s_readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<string> _invocations = [];

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoChoice_InvokesFunctionAndReturnsFinalAnswer()
    {
        var handler = ToolThenText();

        IReadOnlyList<ChatMessageContent> results = await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), WeatherKernel());

        ChatMessageContent result = Assert.Single(results);
        Assert.Equal(AuthorRole.Assistant, result.Role);
        Assert.Equal("It is sunny in Paris.", result.Content);
        Assert.Equal(["get_weather(Paris)"], _invocations);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoChoice_ListsToolsWithAutoChoice()
    {
        var handler = ToolThenText();

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), WeatherKernel());

        JsonElement first = handler.Requests[0].Json;
        Assert.Equal("auto", first.GetProperty("tool_choice").GetString());
        Assert.False(first.TryGetProperty("parallel_tool_calls", out _));
        JsonElement tool = Assert.Single(first.GetProperty("tools").EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        JsonElement function = tool.GetProperty("function");
        Assert.Equal(WeatherTool, function.GetProperty("name").GetString());
        Assert.Equal("Gets the weather for a city", function.GetProperty("description").GetString());
        JsonElement parameters = function.GetProperty("parameters");
        Assert.Equal("object", parameters.GetProperty("type").GetString());
        Assert.Equal("string", parameters.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal("""["city"]""", parameters.GetProperty("required").GetRawText());
        Assert.Equal("auto", handler.Requests[1].Json.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoChoice_SecondRequestCarriesToolCallAndResult()
    {
        var handler = ToolThenText();

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), WeatherKernel());

        JsonElement[] messages = [.. handler.Requests[1].Json.GetProperty("messages").EnumerateArray()];
        Assert.Equal(3, messages.Length);
        Assert.Equal("""{"role":"user","content":"What is the weather in Paris?"}""", messages[0].GetRawText());

        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        Assert.False(messages[1].TryGetProperty("content", out _));
        JsonElement call = Assert.Single(messages[1].GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal(WeatherTool, call.GetProperty("function").GetProperty("name").GetString());
        AssertArguments(ParisCall, call);

        Assert.Equal("""{"role":"tool","content":"Sunny, 21 °C in Paris","tool_call_id":"call_1"}""", Reencode(messages[2]));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoChoice_HistoryKeepsToolCallResultAndFinalAnswerInOrder()
    {
        var handler = ToolThenText().ReplyJson(Canned.Completion("Tomorrow it rains."));
        DeepInfraChatCompletionService service = TestServices.Create(handler);
        Kernel kernel = WeatherKernel();
        ChatHistory history = History();

        IReadOnlyList<ChatMessageContent> results = await service.GetChatMessageContentsAsync(history, Auto(), kernel);

        Assert.Equal(3, history.Count);
        Assert.Equal(AuthorRole.User, history[0].Role);
        Assert.Equal(AuthorRole.Assistant, history[1].Role);
        SkFunctionCallContent call = Assert.IsType<SkFunctionCallContent>(Assert.Single(history[1].Items));
        Assert.Equal("call_1", call.Id);
        Assert.Equal("Paris", call.Arguments!["city"]?.ToString());
        Assert.Equal(AuthorRole.Tool, history[2].Role);
        SkFunctionResultContent toolResult = Assert.Single(history[2].Items.OfType<SkFunctionResultContent>());
        Assert.Equal("call_1", toolResult.CallId);
        Assert.Equal("Sunny, 21 °C in Paris", toolResult.Result?.ToString());

        history.AddRange(results);
        history.AddUserMessage("And tomorrow?");
        await service.GetChatMessageContentsAsync(history, Auto(), kernel);

        JsonElement[] sent = [.. handler.Requests[2].Json.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["user", "assistant", "tool", "assistant", "user"], sent.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("call_1", sent[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("call_1", sent[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("It is sunny in Paris.", sent[3].GetProperty("content").GetString());
        Assert.Equal("And tomorrow?", sent[4].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoChoiceOverTwoCalls_MetadataSumsCostAndUsage()
    {
        var handler = ToolThenText();
        ChatHistory history = History();

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(history, Auto(), WeatherKernel()));

        Assert.Equal(0.00001 + 0.0000268, Assert.IsType<double>(result.Metadata![DeepInfraMetadataKeys.EstimatedCost]), 15);
        Assert.Equal("stop", result.Metadata[DeepInfraMetadataKeys.FinishReason]);
        UsageDetails usage = Assert.IsType<UsageDetails>(result.Metadata[DeepInfraMetadataKeys.Usage]);
        Assert.Equal(40 + 15, usage.InputTokenCount);
        Assert.Equal(20 + 16, usage.OutputTokenCount);
        Assert.Equal(60 + 31, usage.TotalTokenCount);

        // The tool-call message keeps what its own model call cost and why it stopped.
        Assert.Equal(0.00001, history[1].Metadata![DeepInfraMetadataKeys.EstimatedCost]);
        Assert.Equal("tool_calls", history[1].Metadata![DeepInfraMetadataKeys.FinishReason]);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_Filters_EachCalledWithTheFunction()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel();
        var autoFilter = new RecordingAutoFilter();
        var functionFilter = new RecordingFunctionFilter();
        kernel.AutoFunctionInvocationFilters.Add(autoFilter);
        kernel.FunctionInvocationFilters.Add(functionFilter);

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        Assert.Equal(["weather.get_weather streaming=False"], autoFilter.Calls);
        Assert.Equal(["weather.get_weather(Paris)"], functionFilter.Calls);
        Assert.Equal(["get_weather(Paris)"], _invocations);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_FunctionFilterOverridesResult_ModelReceivesOverride()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel();
        kernel.FunctionInvocationFilters.Add(new OverridingFunctionFilter("Snow, -2 °C"));

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        JsonElement tool = handler.Requests[1].Json.GetProperty("messages")[2];
        Assert.Equal("Snow, -2 °C", tool.GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoFilterTerminates_StopsAfterTheFunction()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel();
        kernel.AutoFunctionInvocationFilters.Add(new TerminatingAutoFilter());

        IReadOnlyList<ChatMessageContent> results = await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        Assert.Single(handler.Requests);
        Assert.Equal(["get_weather(Paris)"], _invocations);
        SkFunctionResultContent result = Assert.Single(Assert.Single(results).Items.OfType<SkFunctionResultContent>());
        Assert.Equal("Sunny, 21 °C in Paris", result.Result?.ToString());
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_AutoChoice_InvokesFunctionAndStreamsFinalAnswer()
    {
        var handler = new RecordingHandler()
            .ReplySse(TestServices.ToolCallStream(TestServices.ToolCallUsage, ("call_1", WeatherTool, ParisCall)))
            .ReplySse(TestServices.TextStream(Canned.DefaultUsage, "It is ", "sunny in Paris."));
        Kernel kernel = WeatherKernel();
        var autoFilter = new RecordingAutoFilter();
        var functionFilter = new RecordingFunctionFilter();
        kernel.AutoFunctionInvocationFilters.Add(autoFilter);
        kernel.FunctionInvocationFilters.Add(functionFilter);
        ChatHistory history = History();

        List<StreamingChatMessageContent> updates = await TestServices.CollectAsync(
            TestServices.Create(handler).GetStreamingChatMessageContentsAsync(history, Auto(), kernel));

        Assert.Equal("It is sunny in Paris.", string.Concat(updates.Select(u => u.Content)));
        Assert.Equal(["get_weather(Paris)"], _invocations);
        Assert.Equal(["weather.get_weather streaming=True"], autoFilter.Calls);
        Assert.Equal(["weather.get_weather(Paris)"], functionFilter.Calls);

        Assert.Equal(2, handler.Requests.Count);
        JsonElement second = handler.Requests[1].Json;
        Assert.True(second.GetProperty("stream").GetBoolean());
        JsonElement[] messages = [.. second.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["user", "assistant", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        AssertArguments(ParisCall, messages[1].GetProperty("tool_calls")[0]);
        Assert.Equal("""{"role":"tool","content":"Sunny, 21 °C in Paris","tool_call_id":"call_1"}""", Reencode(messages[2]));

        Assert.Equal([AuthorRole.User, AuthorRole.Assistant, AuthorRole.Tool], history.Select(m => m.Role));
        Assert.Equal("call_1", Assert.IsType<SkFunctionCallContent>(Assert.Single(history[1].Items)).Id);
        SkFunctionResultContent toolResult = Assert.Single(history[2].Items.OfType<SkFunctionResultContent>());
        Assert.Equal("call_1", toolResult.CallId);
        Assert.Equal("Sunny, 21 °C in Paris", toolResult.Result?.ToString());
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_AutoChoiceOverTwoCalls_LastUsageUpdateSumsCostAndUsage()
    {
        var handler = new RecordingHandler()
            .ReplySse(TestServices.ToolCallStream(TestServices.ToolCallUsage, ("call_1", WeatherTool, ParisCall)))
            .ReplySse(TestServices.TextStream(Canned.DefaultUsage, "It is sunny in Paris."));

        List<StreamingChatMessageContent> updates = await TestServices.CollectAsync(
            TestServices.Create(handler).GetStreamingChatMessageContentsAsync(History(), Auto(), WeatherKernel()));

        StreamingChatMessageContent[] withUsage = [.. updates.Where(u => u.Metadata?.ContainsKey(DeepInfraMetadataKeys.Usage) == true)];
        Assert.Equal(2, withUsage.Length);
        Assert.Equal(0.00001, Assert.IsType<double>(withUsage[0].Metadata![DeepInfraMetadataKeys.EstimatedCost]), 15);
        Assert.Equal("tool_calls", withUsage[0].Metadata![DeepInfraMetadataKeys.FinishReason]);
        Assert.Equal(60, Assert.IsType<UsageDetails>(withUsage[0].Metadata![DeepInfraMetadataKeys.Usage]).TotalTokenCount);

        IReadOnlyDictionary<string, object?> last = withUsage[1].Metadata!;
        Assert.Equal(0.00001 + 0.0000268, Assert.IsType<double>(last[DeepInfraMetadataKeys.EstimatedCost]), 15);
        Assert.Equal("stop", last[DeepInfraMetadataKeys.FinishReason]);
        UsageDetails usage = Assert.IsType<UsageDetails>(last[DeepInfraMetadataKeys.Usage]);
        Assert.Equal(40 + 15, usage.InputTokenCount);
        Assert.Equal(20 + 16, usage.OutputTokenCount);
        Assert.Equal(60 + 31, usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_NoneChoice_ListsToolsWithNoneAndDoesNotInvoke()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("I would check the weather service."));

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(
            History(), new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None() }, WeatherKernel()));

        Assert.Equal("I would check the weather service.", result.Content);
        JsonElement request = Assert.Single(handler.Requests).Json;
        Assert.Equal("none", request.GetProperty("tool_choice").GetString());
        Assert.Equal(WeatherTool, Assert.Single(request.GetProperty("tools").EnumerateArray()).GetProperty("function").GetProperty("name").GetString());
        Assert.Empty(_invocations);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_RequiredChoice_RequiredOnFirstRequestOnly()
    {
        var handler = ToolThenText();

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(
            History(), new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required() }, WeatherKernel()));

        Assert.Equal("It is sunny in Paris.", result.Content);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("required", handler.Requests[0].Json.GetProperty("tool_choice").GetString());
        Assert.NotEqual("required", ToolChoice(handler.Requests[1]));
        Assert.Equal(["get_weather(Paris)"], _invocations);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_RequiredChoiceWithModelThatAlwaysCallsTools_StopsAfterSecondRequestWithoutTools()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.ToolCallCompletion(("call_1", WeatherTool, ParisCall)));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await TestServices.Create(handler).GetChatMessageContentsAsync(
            History(), new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required() }, WeatherKernel(), timeout.Token);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("required", ToolChoice(handler.Requests[0]));
        Assert.False(handler.Requests[1].Json.TryGetProperty("tools", out _));
        Assert.False(handler.Requests[1].Json.TryGetProperty("tool_choice", out _));
        Assert.DoesNotContain("skdeepinfra", handler.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_RequiredOneFunction_ListsOnlyThatToolAsRequired()
    {
        var handler = ToolThenText();
        Kernel kernel = WeatherKernel();
        kernel.Plugins.Add(KernelPluginFactory.CreateFromType<TimePlugin>());
        KernelFunction getWeather = kernel.Plugins["weather"]["get_weather"];

        await TestServices.Create(handler).GetChatMessageContentsAsync(
            History(), new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required([getWeather]) }, kernel);

        JsonElement first = handler.Requests[0].Json;
        Assert.Equal("required", first.GetProperty("tool_choice").GetString());
        Assert.Equal(WeatherTool, Assert.Single(first.GetProperty("tools").EnumerateArray()).GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["get_weather(Paris)"], _invocations);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoChoiceWithTwoPlugins_ListsEveryFunction()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Noon."));
        Kernel kernel = WeatherKernel();
        kernel.Plugins.Add(KernelPluginFactory.CreateFromType<TimePlugin>());

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel);

        Assert.Equal(
            [WeatherTool, "TimePlugin-get_utc_time"],
            handler.Requests[0].Json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ParallelToolCalls_InvokesBothAndSendsResultsInOrder()
    {
        var handler = new RecordingHandler()
            .ReplyJson(Canned.ToolCallCompletion(("call_1", WeatherTool, ParisCall), ("call_2", "TimePlugin-get_utc_time", "{}")))
            .ReplyJson(Canned.Completion("Sunny, and it is noon."));
        Kernel kernel = WeatherKernel();
        kernel.Plugins.Add(KernelPluginFactory.CreateFromType<TimePlugin>());

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(History(), Auto(), kernel));

        Assert.Equal("Sunny, and it is noon.", result.Content);
        Assert.Equal(["get_weather(Paris)"], _invocations);
        JsonElement[] messages = [.. handler.Requests[1].Json.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["user", "assistant", "tool", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["call_1", "call_2"], messages[1].GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("""{"role":"tool","content":"Sunny, 21 °C in Paris","tool_call_id":"call_1"}""", Reencode(messages[2]));
        Assert.Equal("""{"role":"tool","content":"12:00 UTC","tool_call_id":"call_2"}""", Reencode(messages[3]));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ParallelCallsDisallowed_SendsParallelToolCallsFalse()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Noon."));
        var settings = new PromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(options: new FunctionChoiceBehaviorOptions { AllowParallelCalls = false }),
        };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings, WeatherKernel());

        Assert.False(handler.Requests[0].Json.GetProperty("parallel_tool_calls").GetBoolean());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_FunctionThrows_ErrorGoesBackAsToolMessageAndRunContinues()
    {
        var handler = new RecordingHandler()
            .ReplyJson(Canned.ToolCallCompletion(("call_1", "weather-get_forecast", ParisCall)))
            .ReplyJson(Canned.Completion("The forecast service is down."));
        Kernel kernel = TestServices.CreateKernel(KernelPluginFactory.CreateFromFunctions("weather", [
            KernelFunctionFactory.CreateFromMethod(string (string city) => throw new InvalidOperationException("Forecast service unavailable"), "get_forecast"),
        ]));
        ChatHistory history = History();

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(history, Auto(), kernel));

        Assert.Equal("The forecast service is down.", result.Content);
        Assert.Equal(2, handler.Requests.Count);
        JsonElement tool = handler.Requests[1].Json.GetProperty("messages")[2];
        Assert.Equal("tool", tool.GetProperty("role").GetString());
        Assert.Equal("call_1", tool.GetProperty("tool_call_id").GetString());
        Assert.StartsWith("Error:", tool.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal([AuthorRole.User, AuthorRole.Assistant, AuthorRole.Tool], history.Select(m => m.Role));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_AutoChoiceWithoutAutoInvoke_ReturnsCallWithoutInvoking()
    {
        var handler = ToolThenText();

        ChatMessageContent result = Assert.Single(await TestServices.Create(handler).GetChatMessageContentsAsync(
            History(), new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) }, WeatherKernel()));

        Assert.Single(handler.Requests);
        Assert.Empty(_invocations);
        SkFunctionCallContent call = Assert.Single(SkFunctionCallContent.GetFunctionCalls(result));
        Assert.Equal("call_1", call.Id);
        Assert.Equal("Paris", call.Arguments!["city"]?.ToString());
        Assert.Equal("tool_calls", result.Metadata![DeepInfraMetadataKeys.FinishReason]);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ErrorAfterToolCall_ThrowsAndLeavesHistoryUnchanged()
    {
        var handler = new RecordingHandler()
            .ReplyJson(Canned.ToolCallCompletion(("call_1", WeatherTool, ParisCall)))
            .ReplyJson("""{"error":{"message":"Bad request: context too long"}}""", HttpStatusCode.BadRequest);
        ChatHistory history = History();

        var ex = await Assert.ThrowsAsync<DeepInfraException>(() => TestServices.Create(handler).GetChatMessageContentsAsync(history, Auto(), WeatherKernel()));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("Bad request: context too long", ex.ProviderMessage);
        Assert.Equal(["get_weather(Paris)"], _invocations);
        Assert.Equal("What is the weather in Paris?", Assert.Single(history).Content);
    }

    private static PromptExecutionSettings Auto() => new DeepInfraPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

    private static RecordingHandler ToolThenText() => new RecordingHandler()
        .ReplyJson(Canned.ToolCallCompletion(("call_1", WeatherTool, ParisCall)))
        .ReplyJson(Canned.Completion("It is sunny in Paris."));

    private static ChatHistory History()
    {
        var history = new ChatHistory();
        history.AddUserMessage("What is the weather in Paris?");
        return history;
    }

    private static string? ToolChoice(RecordedRequest request) =>
        request.Json.TryGetProperty("tool_choice", out JsonElement choice) ? choice.GetString() : null;

    private static void AssertArguments(string expected, JsonElement toolCall)
    {
        string arguments = toolCall.GetProperty("function").GetProperty("arguments").GetString()!;
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(arguments).RootElement), arguments);
    }

    /// <summary>The element written back without escaping, so expectations can hold readable text.</summary>
    private static string Reencode(JsonElement element) => JsonSerializer.Serialize(element, s_readable);

    private Kernel WeatherKernel() => TestServices.CreateKernel(KernelPluginFactory.CreateFromFunctions("weather", [
        KernelFunctionFactory.CreateFromMethod(
            (string city) =>
            {
                _invocations.Add($"get_weather({city})");
                return $"Sunny, 21 °C in {city}";
            },
            "get_weather",
            "Gets the weather for a city"),
    ]));

    public sealed class TimePlugin
    {
        [KernelFunction("get_utc_time"), Description("Gets the current UTC time")]
        public string GetUtcTime() => "12:00 UTC";
    }
}
