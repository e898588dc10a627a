using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Live;

/// <summary>Against the real service; skipped unless <c>DEEPINFRA_TOKEN</c> is set. Uses the smallest Llama model.</summary>
public sealed class DeepInfraLiveTests
{
    private const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    [LiveFact]
    public async Task GetResponseAsync_Live_ReturnsTextUsageAndCost()
    {
        using var client = new DeepInfraChatClient(Model);

        ChatResponse response = await client.GetResponseAsync("Reply with the single word: pong", new ChatOptions { MaxOutputTokens = 10, Temperature = 0 });

        Assert.Contains("pong", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Usage?.TotalTokenCount > 0);
        Assert.True((double)response.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]! > 0);
    }

    [LiveFact]
    public async Task GetStreamingResponseAsync_Live_StreamsTextWithoutMarkersAndUsage()
    {
        using var client = new DeepInfraChatClient(Model);
        var updates = new List<ChatResponseUpdate>();

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Count from 1 to 5.", new ChatOptions { MaxOutputTokens = 40 }))
        {
            updates.Add(update);
        }

        ChatResponse response = updates.ToChatResponse();
        Assert.Contains("3", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("</s>", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<|eot_id|>", response.Text, StringComparison.Ordinal);
        Assert.True(response.Usage?.TotalTokenCount > 0);
    }

    [LiveFact]
    public async Task GetResponseAsync_LiveOutOfRange_IsRejectedLocally()
    {
        using var client = new DeepInfraChatClient(Model);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetResponseAsync("hi", new ChatOptions { Temperature = 3 }));
    }

    [LiveFact]
    public async Task SemanticKernel_LiveAutoInvoke_CallsThePlugin()
    {
        IKernelBuilder builder = Kernel.CreateBuilder().AddDeepInfraChatCompletion("meta-llama/Meta-Llama-3.1-70B-Instruct");
        builder.Plugins.AddFromType<WeatherPlugin>();
        Kernel kernel = builder.Build();
        var settings = new DeepInfraPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), Temperature = 0 };

        FunctionResult result = await kernel.InvokePromptAsync("What is the weather in Paris? Use the tool.", new KernelArguments(settings));

        Assert.Contains("18", result.ToString(), StringComparison.Ordinal);
    }

    public sealed class WeatherPlugin
    {
        [KernelFunction("get_weather")]
        [Description("Gets the current temperature in Celsius for a city.")]
        public static string GetWeather([Description("The city")] string city) => $"{city}: 18 °C, light rain";
    }
}
