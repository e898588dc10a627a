// Shows: one question to a DeepInfra model through DeepInfraChatClient (an IChatClient), the answer, the tokens and DeepInfra's
// estimated cost, and the model's context length and prices from DeepInfra's model catalog.
using Microsoft.Extensions.AI;
using SkDeepInfra;
using SkDeepInfra.Examples;
using SkDeepInfra.Testing;

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(emulator =>
    emulator.Enqueue(EmulatorReply.Text("The Eiffel Tower is about 330 metres tall, including its antennas.")));

using IChatClient client = new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options);

ChatResponse response = await client.GetResponseAsync(
    "How tall is the Eiffel Tower? One sentence.",
    new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 100 });

Console.WriteLine($"Answer: {response.Text}");
Console.WriteLine($"Tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");
Console.WriteLine($"Estimated cost: ${response.AdditionalProperties?[DeepInfraPropertyNames.EstimatedCost]:0.########}");

DeepInfraModelInfo? model = await new DeepInfraModelCatalog(endpoint.Options).GetModelAsync(ExampleEndpoint.Model);
Console.WriteLine($"Model: {model?.ToString() ?? ExampleEndpoint.Model + " (not in the catalog)"}");
