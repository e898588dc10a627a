// Shows: a Semantic Kernel plugin called by a DeepInfra model through FunctionChoiceBehavior.Auto(), with an
// auto-function-invocation filter that logs each call, and the reply's usage, finish reason and summed estimated cost.
using Microsoft.SemanticKernel;
using SkDeepInfra;
using SkDeepInfra.Examples;

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(emulator =>
    ExampleScripts.CallFirstToolThenAnswer(emulator, """{"city":"Paris"}""", result => $"The weather service reports {result}."));

IKernelBuilder builder = Kernel.CreateBuilder()
    .AddDeepInfraChatCompletion("meta-llama/Meta-Llama-3.1-70B-Instruct", endpoint: endpoint.Uri);
builder.Plugins.AddFromType<WeatherPlugin>("weather");
Kernel kernel = builder.Build();
kernel.AutoFunctionInvocationFilters.Add(new ConsoleLoggingFilter());

var settings = new DeepInfraPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), Temperature = 0 };
FunctionResult result = await kernel.InvokePromptAsync("What's the weather in Paris right now?", new KernelArguments(settings));

Console.WriteLine($"Answer: {result}");
IReadOnlyDictionary<string, object?> metadata = result.Metadata!;
Console.WriteLine($"Finish reason: {metadata[DeepInfraMetadataKeys.FinishReason]}");
Console.WriteLine($"Estimated cost (all model calls): ${metadata[DeepInfraMetadataKeys.EstimatedCost]:0.########}");
