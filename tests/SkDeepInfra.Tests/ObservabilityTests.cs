using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace SkDeepInfra;

/// <summary>Standard observability middleware sees DeepInfra calls: model, tokens and cost.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task UseLogging_AtTrace_LogsModelTokensAndCost()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("logged"));
        using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
        using IChatClient client = TestClients.Create(handler).AsBuilder().UseLogging(loggerFactory).Build();

        await client.GetResponseAsync("hi");

        string all = string.Join("\n", logs.Lines);
        Assert.Contains("estimated_cost", all, StringComparison.Ordinal);
        Assert.Contains("\"estimated_cost\": 2.68E-05", all, StringComparison.Ordinal);
        Assert.Contains(Canned.Model, all, StringComparison.Ordinal);
        Assert.Contains("31", all, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseOpenTelemetry_Span_CarriesModelTokensAndWithSensitiveDataTheCost()
    {
        const string Source = "SkDeepInfra.Tests.Otel";
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("traced"));
        var stopped = new ConcurrentQueue<Activity>();
        using ActivityListener listener = Listen(name => name == Source, stopped);
        using IChatClient client = TestClients.Create(handler).AsBuilder()
            .UseOpenTelemetry(sourceName: Source, configure: c => c.EnableSensitiveData = true)
            .Build();

        await client.GetResponseAsync("hi");

        Activity span = Assert.Single(stopped);
        Assert.Equal(Canned.Model, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(15, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(16, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Contains(span.TagObjects, t => t.Key.EndsWith("estimated_cost", StringComparison.Ordinal) && t.Value is 0.0000268);
        Assert.Equal("deepinfra", span.GetTagItem("gen_ai.provider.name") ?? span.GetTagItem("gen_ai.system"));
    }

    [Fact]
    public async Task SemanticKernelTelemetry_ThroughFacade_EmitsKernelFunctionActivity()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("kernel traced"));
        var stopped = new ConcurrentQueue<Activity>();
        using ActivityListener listener = Listen(name => name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal), stopped);
        Kernel kernel = Kernel.CreateBuilder()
            .AddDeepInfraChatCompletion(Canned.Model, TestClients.ApiKey, new Uri("https://deepinfra.test/v1/openai/"), httpClient: new HttpClient(handler))
            .Build();

        FunctionResult result = await kernel.InvokePromptAsync("hi");

        Assert.Equal("kernel traced", result.ToString());
        Assert.NotEmpty(stopped);
    }

    [Fact]
    public async Task UseOpenTelemetry_EmbeddingSpan_CarriesModelDimensionsAndInputTokens()
    {
        const string Source = "SkDeepInfra.Tests.Otel.Embeddings";
        var handler = new RecordingHandler().ReplyJson(Canned.Embeddings([(0, [0.5f, 0.25f])], promptTokens: 12));
        var stopped = new ConcurrentQueue<Activity>();
        using ActivityListener listener = Listen(name => name == Source, stopped);
        using IEmbeddingGenerator<string, Embedding<float>> generator = TestClients.CreateGenerator(handler, dimensions: 64).AsBuilder()
            .UseOpenTelemetry(sourceName: Source)
            .Build();

        await generator.GenerateAsync(["traced text"]);

        Activity span = Assert.Single(stopped);
        Assert.Equal(Canned.EmbeddingModel, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(12, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal("deepinfra", span.GetTagItem("gen_ai.provider.name") ?? span.GetTagItem("gen_ai.system"));
        Assert.Equal(64, handler.Requests[0].Json.GetProperty("dimensions").GetInt32());
    }

    private static ActivityListener Listen(Func<string, bool> source, ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => source(s.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
