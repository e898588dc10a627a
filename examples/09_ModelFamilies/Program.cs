// Shows: one agent task with one tool against six model families, each answering as it does through DeepInfra: Llama 3.1
// (<|python_tag|> JSON), Llama 3.2 (pythonic), Qwen3 (inline <think> and <tool_call>), DeepSeek V3 (its tool tokens),
// Mistral ([TOOL_CALLS]) and Gemma (no native tool calling: the tools go in the prompt). Each line shows the family, what the
// model wrote, the call the agent recovered and ran, and the final answer. Offline, the emulator plays each family
// (EmulatorPersona); with DEEPINFRA_TOKEN set, the same task runs against the real models.
using System.ComponentModel;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SkDeepInfra;
using SkDeepInfra.Agents;
using SkDeepInfra.Testing;

(string Model, EmulatorPersona Persona)[] families =
[
    ("meta-llama/Meta-Llama-3.1-8B-Instruct", EmulatorPersona.Llama31),
    ("meta-llama/Llama-3.2-3B-Instruct", EmulatorPersona.Llama32),
    ("Qwen/Qwen3-32B", EmulatorPersona.Qwen3),
    ("deepseek-ai/DeepSeek-V3-0324", EmulatorPersona.DeepSeekV3),
    ("mistralai/Mistral-Small-24B-Instruct-2501", EmulatorPersona.Mistral),
    ("google/gemma-3-27b-it", EmulatorPersona.Gemma),
];

bool online = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DeepInfraClientOptions.ApiKeyEnvironmentVariable));
Console.WriteLine(online
    ? $"Online: talking to DeepInfra at {DeepInfraClientOptions.DefaultEndpoint}"
    : "Offline: DEEPINFRA_TOKEN is not set, so the emulator answers as each family's persona");

foreach ((string model, EmulatorPersona persona) in families)
{
    await using DeepInfraEmulator? emulator = online ? null : Script(new DeepInfraEmulator(new DeepInfraEmulatorOptions { Persona = persona }), persona);
    var options = new DeepInfraClientOptions { Endpoint = emulator?.Endpoint ?? DeepInfraClientOptions.DefaultEndpoint };
    using HttpClient? http = emulator?.CreateHttpClient();
    using var client = new DeepInfraChatClient(model, options, http);

    // What the model wrote, seen below the agent (before the text becomes a tool call).
    var written = new List<string>();
    IChatClient observed = client.AsBuilder().Use(
        async (messages, chatOptions, inner, cancellationToken) =>
        {
            ChatResponse response = await inner.GetResponseAsync(messages, chatOptions, cancellationToken);
            string reasoning = string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text));
            written.Add(reasoning.Length > 0 ? $"(reasoning: {reasoning.Trim()}) {response.Text}" : response.Text);
            return response;
        },
        null).Build();

    var calls = new List<string>();
    AIFunction weather = AIFunctionFactory.Create(
        ([Description("The city.")] string city) =>
        {
            calls.Add($"get_weather(city={city})");
            return $"{city}: 18 °C and sunny";
        },
        "get_weather",
        "Gets the current weather for a city.");
    ChatClientAgent agent = observed.AsDeepInfraToolAgent("You are a concise assistant. Use the tool for the weather.", [weather]);

    AgentResponse answer = await agent.RunAsync("What's the weather in Paris?");
    ModelCallRecord first = answer.GetRunLedger()!.ModelCalls[0];
    string how = first.ToolCallsRecoveredFromText ? "recovered from text" : "native";
    string mode = agent.GetService<ToolModeChatClient>()?.IsPrompted(model) == true ? ", tools in the prompt" : string.Empty;
    Console.WriteLine(
        $"{persona.Name,-12}| wrote: {OneLine(written.FirstOrDefault())} | call: {string.Join(", ", calls)} ({how}{mode}) | answer: {answer.Text}");
}

static DeepInfraEmulator Script(DeepInfraEmulator emulator, EmulatorPersona persona)
{
    EmulatorReply call = EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city": "Paris"}"""));
    emulator.Enqueue(
        persona.InlineReasoning ? call.WithReasoning("The user wants the weather in Paris.") : call,
        EmulatorReply.Text("Paris: 18 °C and sunny."));
    return emulator;
}

static string OneLine(string? text) => (text ?? string.Empty).Replace("\n", "\\n", StringComparison.Ordinal);
