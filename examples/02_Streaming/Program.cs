// Shows: streaming a reply token by token (DeepInfra's end-of-sequence markers never reach the text), then usage and estimated cost.
using Microsoft.Extensions.AI;
using SkDeepInfra;
using SkDeepInfra.Examples;
using SkDeepInfra.Testing;

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(emulator =>
    emulator.Enqueue(EmulatorReply.Text("Llamas hum softly, / mountain wind in woollen coats, / the valley listens.")
        .WithChunkSize(6)
        .WithChunkDelay(TimeSpan.FromMilliseconds(20))));

using IChatClient client = new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options);

var updates = new List<ChatResponseUpdate>();
Console.Write("Streaming: ");
await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Write a haiku about llamas.", new ChatOptions { MaxOutputTokens = 60 }))
{
    Console.Write(update.Text);
    updates.Add(update);
}

Console.WriteLine();
ChatResponse response = updates.ToChatResponse();
Console.WriteLine($"Finish reason: {response.FinishReason}");
Console.WriteLine($"Tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");
object? cost = response.Messages.LastOrDefault()?.AdditionalProperties?[DeepInfraPropertyNames.EstimatedCost];
Console.WriteLine($"Estimated cost: ${cost:0.########}");
