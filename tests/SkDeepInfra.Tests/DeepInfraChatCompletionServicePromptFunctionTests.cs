using Microsoft.SemanticKernel;

namespace SkDeepInfra;

/// <summary>Prompt functions end to end: settings from KernelArguments and prompt configs reach the request body.</summary>
public sealed class DeepInfraChatCompletionServicePromptFunctionTests
{
    [Fact]
    public async Task InvokePromptAsync_PromptSettingsExtensionData_ReachTheBody()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Bonjour !"));
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, httpClient: new HttpClient(handler))
            .Build();
        var arguments = new KernelArguments(new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object>
            {
                ["temperature"] = 0.3,
                ["top_k"] = Json("20"),
                ["min_p"] = "0.1",
                ["repetition_penalty"] = 1.05,
                ["stop_sequences"] = Json("""["\n\n"]"""),
                ["max_tokens"] = 64,
            },
        })
        {
            ["language"] = "French",
        };

        FunctionResult result = await kernel.InvokePromptAsync("Say hello in {{$language}}.", arguments);

        Assert.Equal("Bonjour !", result.GetValue<string>());
        Assert.Equal(0.0000268, result.Metadata![DeepInfraMetadataKeys.EstimatedCost]);
        Assert.Equal("stop", result.Metadata[DeepInfraMetadataKeys.FinishReason]);
        Assert.Equal(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Say hello in French."}]""" +
            ""","temperature":0.3,"min_p":0.1,"top_k":20,"max_tokens":64,"repetition_penalty":1.05,"stop":["\n\n"]}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task InvokePromptStreamingAsync_PromptSettingsExtensionData_ReachTheBody()
    {
        var handler = new RecordingHandler().ReplySse(TestServices.TextStream(Canned.DefaultUsage, "Bon", "jour !"));
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, httpClient: new HttpClient(handler))
            .Build();
        var arguments = new KernelArguments(new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["temperature"] = "0.3", ["min_p"] = Json("0.1") },
        });

        List<StreamingKernelContent> updates = await TestServices.CollectAsync(kernel.InvokePromptStreamingAsync("Say hello in French.", arguments));

        Assert.Equal("Bonjour !", string.Concat(updates.Select(u => u.ToString())));
        Assert.Equal(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Say hello in French."}]""" +
            ""","stream":true,"stream_options":{"include_usage":true},"temperature":0.3,"min_p":0.1}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task InvokeAsync_PromptFunctionWithFrozenSettings_SendsTypedValuesAndExtensionDataKeys()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Paris"));
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, httpClient: new HttpClient(handler))
            .Build();
        var settings = new DeepInfraPromptExecutionSettings
        {
            Temperature = 0.2,
            StopSequences = ["END"],
            ExtensionData = new Dictionary<string, object> { ["top_k"] = 3, ["safe_mode"] = true },
        };
        KernelFunction function = kernel.CreateFunctionFromPrompt("Capital of {{$country}}?", settings);
        settings.Freeze();

        FunctionResult result = await kernel.InvokeAsync(function, new KernelArguments { ["country"] = "France" });

        Assert.Equal("Paris", result.GetValue<string>());
        Assert.Equal(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Capital of France?"}]""" +
            ""","temperature":0.2,"top_k":3,"stop":["END"],"safe_mode":true}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task InvokePromptAsync_TypedSettings_ReachTheBody()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("{\"name\":\"Ada\"}"));
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, TestServices.Endpoint, httpClient: new HttpClient(handler))
            .Build();
        var settings = new DeepInfraPromptExecutionSettings { Temperature = 0, Seed = 1234, ResponseFormat = "json_object", User = "u1" };

        FunctionResult result = await kernel.InvokePromptAsync("Name one scientist as JSON.", new KernelArguments(settings));

        Assert.Equal("{\"name\":\"Ada\"}", result.GetValue<string>());
        Assert.Equal(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Name one scientist as JSON."}]""" +
            ""","temperature":0,"seed":1234,"user":"u1","response_format":{"type":"json_object"}}""",
            Assert.Single(handler.Requests).Body);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
