// Shows: a tool-using agent (Microsoft Agent Framework over DeepInfraChatClient) with three tools and a per-run budget,
// a live step trace while it streams (tool calls, tool results, usage, text), the run ledger, a run stopped by its budget,
// and the same session continued with a new budget. Offline, the emulated model writes its first tool call as text
// (<|python_tag|>{...}), as Llama models sometimes do: the agent recovers it into a real call.
using System.Text;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SkDeepInfra;
using SkDeepInfra.Agents;
using SkDeepInfra.Examples;

const string Question = "I land in Paris tomorrow morning with 200 EUR. What's the weather, the local time, and what is 200 EUR in USD?";

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(TravelScript.Install);

using var client = new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options);
var budget = new AgentBudget { MaxModelCalls = 5, MaxEstimatedCostUsd = 0.01 };
ChatClientAgent agent = client.AsDeepInfraToolAgent(
    "You are a concise travel assistant. Use the tools for facts, call independent tools together, and answer in two sentences.",
    TravelTools.All,
    new DeepInfraAgentOptions { Name = "travel", Budget = budget, ChatOptions = new ChatOptions { Temperature = 0 } });

Console.WriteLine($"Run 1 (streaming), budget per run: {budget}");
AgentSession session = await agent.CreateSessionAsync();
var names = new Dictionary<string, string>();
var answer = new StringBuilder();
bool inText = false;
AgentRunOutcome? outcome = null;
AgentRunLedger? ledger = null;
await foreach (AgentResponseUpdate update in agent.RunStreamingAsync(Question, session))
{
    foreach (AIContent content in update.Contents)
    {
        if (inText && content is not TextContent)
        {
            Console.WriteLine();
            inText = false;
        }

        switch (content)
        {
            case FunctionCallContent call:
                names[call.CallId] = call.Name;
                bool recovered = call.AdditionalProperties?.ContainsKey(AgentRunPropertyNames.RecoveredFromText) == true;
                Console.WriteLine($"  -> tool call {call.Name}({Arguments(call)}){(recovered ? " [recovered from text]" : string.Empty)}");
                break;
            case FunctionResultContent result:
                Console.WriteLine($"  <- tool result {names.GetValueOrDefault(result.CallId, result.CallId)}: {result.Result}");
                break;
            case UsageContent usage:
                Console.WriteLine($"  .. usage: {usage.Details.TotalTokenCount} tokens");
                break;
            case TextContent text:
                // Text deltas go out as they arrive, on one line.
                Console.Write(inText ? text.Text : $"  .. text: {text.Text}");
                answer.Append(text.Text);
                inText = true;
                break;
        }
    }

    outcome ??= update.GetRunOutcome();
    ledger ??= update.GetRunLedger();
}

if (inText)
{
    Console.WriteLine();
}

Console.WriteLine($"Answer: {answer}");
Console.WriteLine($"Outcome: {outcome}");
Console.WriteLine($"Ledger: {ledger}");
foreach (ModelCallRecord call in ledger!.ModelCalls)
{
    Console.WriteLine($"  {call}");
}

foreach (ToolCallRecord call in ledger.ToolCalls)
{
    Console.WriteLine($"  {call}");
}

Console.WriteLine();
Console.WriteLine("Run 2: the same question with a budget of 1 model call");
AgentSession tight = await agent.CreateSessionAsync();
AgentResponse stopped = await agent.RunAsync(Question, tight, new AgentRunOptions().WithBudget(new AgentBudget { MaxModelCalls = 1 }));
Console.WriteLine($"Run 2 outcome: {stopped.GetRunOutcome()}");
Console.WriteLine($"Run 2 ledger: {stopped.GetRunLedger()}");

AgentResponse continued = await agent.RunAsync(tight, new AgentRunOptions().WithBudget(budget));
Console.WriteLine($"Continued with a new budget: {continued.GetRunOutcome()?.Status}: {continued.Text}");
Console.WriteLine($"Session runs: {tight.GetRunLedgers().Count}, tokens over all runs: {tight.GetRunLedgers().Sum(l => l.TotalTokens)}");

static string Arguments(FunctionCallContent call) =>
    string.Join(", ", (call.Arguments ?? new Dictionary<string, object?>()).Select(a => $"{a.Key}={(a.Value is JsonElement { ValueKind: JsonValueKind.String } s ? s.GetString() : a.Value)}"));
