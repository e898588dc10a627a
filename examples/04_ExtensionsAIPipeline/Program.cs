// Shows: DeepInfraChatClient in a Microsoft.Extensions.AI pipeline: UseFunctionInvocation runs a C# tool,
// UseLogging logs each call, and UseOpenTelemetry emits gen_ai spans that OpenTelemetry's console exporter prints.
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SkDeepInfra;
using SkDeepInfra.Examples;

const string SourceName = "SkDeepInfra.Examples";

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(emulator =>
    ExampleScripts.CallFirstToolThenAnswer(emulator, """{"city":"Lisbon"}""", result => $"The weather tool reports {result}."));

using TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddSource(SourceName).AddConsoleExporter().Build();
using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));

using IChatClient client = new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options, loggerFactory: loggerFactory)
    .AsBuilder()
    .UseFunctionInvocation(loggerFactory)
    .UseOpenTelemetry(loggerFactory, SourceName)
    .UseLogging(loggerFactory)
    .Build();

AIFunction weather = AIFunctionFactory.Create((string city) => $"{city}: 21 °C and sunny", "get_weather", "Gets the current weather for a city.");
ChatResponse response = await client.GetResponseAsync("What's the weather in Lisbon?", new ChatOptions { Tools = [weather] });

Console.WriteLine($"Answer: {response.Text}");
Console.WriteLine($"Tokens (all calls): {response.Usage?.TotalTokenCount}");
