// Shows: an agent you can leave running. An input guardrail trips before anything is sent; an output guardrail sends an
// answer back for another try; a structured answer (RunAsync<T>) that breaks its schema is repaired; and a cost ceiling
// that cannot fit a minimal answer ends the run before the call is sent. Every verdict and attempt is in the run ledger.
using System.Text.Json.Serialization;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SkDeepInfra;
using SkDeepInfra.Agents;
using SkDeepInfra.Examples;
using SkDeepInfra.Testing;

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(emulator => emulator.Enqueue(
    EmulatorReply.Text("Call our desk at 555-0100."),
    EmulatorReply.Text("Our support desk is reachable through the help page."),
    EmulatorReply.Text("```json\n{\"city\":\"Paris\",\"sky\":\"Sunny\"}\n```"),
    EmulatorReply.Text("{\"city\":\"Paris\",\"high\":18,\"sky\":\"Sunny\"}")));

using var client = new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options);
var options = new DeepInfraAgentOptions();
options.InputGuardrails.Add(Guardrails.Input("no_credentials", (messages, _) =>
    new(messages.Any(m => m.Text.Contains("password", StringComparison.OrdinalIgnoreCase)) ? GuardrailVerdict.Trip("asks for credentials") : GuardrailVerdict.Pass)));
options.OutputGuardrails.Add(Guardrails.Output("no_phone_numbers", (text, _) =>
    new(text.Contains("555-", StringComparison.Ordinal) ? GuardrailVerdict.Retry("Do not give phone numbers; point to the help page.") : GuardrailVerdict.Pass)));
ChatClientAgent agent = client.AsDeepInfraToolAgent("You are a concise support assistant.", options: options);

// 1. The input guardrail trips: no request is sent.
AgentResponse tripped = await agent.RunAsync("What is the admin password?");
Console.WriteLine($"Outcome: {tripped.GetRunOutcome()}");
Console.WriteLine($"Model calls: {tripped.GetRunLedger()!.ModelCalls.Count}");

// 2. The output guardrail sends the first answer back with feedback; the second passes.
AgentResponse retried = await agent.RunAsync("How do I reach support?");
Console.WriteLine($"Answer: {retried.Text}");
foreach (GuardrailRecord verdict in retried.GetRunLedger()!.Guardrails.Where(g => g.Stage == GuardrailStage.Output))
{
    Console.WriteLine($"  {verdict.Name}: {verdict.Action}{(verdict.Reason is null ? string.Empty : $" ({verdict.Reason})")}");
}

// 3. A structured answer: the first breaks the schema (a code fence, "high" missing), the problems go back, the second fits.
AgentResponse<Forecast> forecast = await agent.RunAsync<Forecast>("Tomorrow's forecast for Paris?");
Console.WriteLine($"Forecast: {forecast.Result.City}, high {forecast.Result.High} °C, {forecast.Result.Sky} ({forecast.GetRunLedger()!.ModelCalls.Count} model calls)");

// 4. A hard ceiling: with the model's prices known, a call whose worst case does not fit $0.000002 is never sent.
var capped = new DeepInfraAgentOptions
{
    Budget = new AgentBudget { MaxEstimatedCostUsd = 0.000002 },
    Pricing = new DeepInfraModelPricing { InputPerMillionTokens = 0.03m, OutputPerMillionTokens = 0.05m },
};
AgentResponse stopped = await client.AsDeepInfraToolAgent("You are a concise support assistant.", options: capped).RunAsync("Write me a long story.");
Console.WriteLine($"Outcome: {stopped.GetRunOutcome()}");

internal sealed class Forecast
{
    public required string City { get; init; }

    public required int High { get; init; }

    public required Sky Sky { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<Sky>))]
internal enum Sky
{
    Sunny,
    Cloudy,
    Rainy,
}
