// Shows: embeddings with DeepInfraEmbeddingGenerator (an IEmbeddingGenerator), a small semantic search that grounds a chat
// answer, the same generator registered in a Semantic Kernel, and the model catalog with context lengths and prices.
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using SkDeepInfra;
using SkDeepInfra.Examples;
using SkDeepInfra.Testing;

const string EmbeddingModel = "BAAI/bge-large-en-v1.5";

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(emulator =>
    emulator.Enqueue(EmulatorReply.Text("Cats and dogs are the most popular pets; both live happily in a small flat with daily walks or play.")));

// 1. Embed a handful of documents: one request (up to 256 values per request by default), base64 vectors on the wire.
using var generator = new DeepInfraEmbeddingGenerator(EmbeddingModel, endpoint.Options);
string[] documents =
[
    "Cats and dogs are the most popular pets in Europe.",
    "The Eiffel Tower is about 330 metres tall.",
    "A sourdough starter needs flour, water and patience.",
    "Electric cars charge faster on a DC fast charger.",
    "Llamas are kept for their wool and as guard animals.",
];
GeneratedEmbeddings<Embedding<float>> embedded = await generator.GenerateAsync(documents);
double cost = embedded.AdditionalProperties?[DeepInfraPropertyNames.EstimatedCost] as double? ?? 0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Embedded {embedded.Count} documents: {embedded[0].Vector.Length} dimensions, {embedded.Usage?.InputTokenCount} tokens, estimated cost ${cost:0.##########}"));

// 2. Search: the document closest to the question (cosine similarity), then a chat answer grounded in it.
const string Question = "Which pets suit a small flat, cats or dogs?";
ReadOnlyMemory<float> query = await generator.GenerateVectorAsync(Question);
(string best, float score) = documents.Zip(embedded, (text, e) => (text, TensorPrimitives.CosineSimilarity(query.Span, e.Vector.Span))).MaxBy(pair => pair.Item2);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Best match: \"{best}\" (cosine {score:0.000})"));

using IChatClient chat = new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options);
ChatResponse answer = await chat.GetResponseAsync(
    [new(ChatRole.System, "Answer in one sentence, using this context: " + best), new(ChatRole.User, Question)],
    new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 80 });
Console.WriteLine($"Answer: {answer.Text}");

// 3. Semantic Kernel resolves the same generator from the kernel's services; here with 256 dimensions.
IKernelBuilder builder = Kernel.CreateBuilder();
builder.AddDeepInfraEmbeddingGenerator(EmbeddingModel, endpoint: endpoint.Uri, dimensions: 256);
Kernel kernel = builder.Build();
ReadOnlyMemory<float> fromKernel = await kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateVectorAsync(Question);
Console.WriteLine($"Semantic Kernel embedding: {fromKernel.Length} dimensions");

// 4. The model catalog: context lengths and prices, fetched once and cached for an hour.
var catalog = new DeepInfraModelCatalog(endpoint.Options);
IReadOnlyList<DeepInfraModelInfo> models = await catalog.GetModelsAsync();
Console.WriteLine($"Model catalog: {models.Count} models; the first with prices:");
foreach (DeepInfraModelInfo model in models.Where(m => m.Pricing?.InputPerMillionTokens is not null).Take(10))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {model.Id,-46} context {model.ContextLength,7}  {Price(model.Pricing!.InputPerMillionTokens),7}/M in  {Price(model.Pricing.OutputPerMillionTokens),7}/M out"));
}

DeepInfraModelInfo? llama = await catalog.GetModelAsync(ExampleEndpoint.Model);
decimal? monthly = llama?.Pricing?.EstimateCost(inputTokens: 10_000_000, outputTokens: 2_000_000);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10M tokens in and 2M out on {ExampleEndpoint.Model}: ${monthly:0.00}"));
if (endpoint.Emulator is { } emulator)
{
    Console.WriteLine($"Catalog requests sent: {emulator.Requests.Count(r => r.Path.EndsWith("/models", StringComparison.Ordinal))} (the lookup came from the cache)");
}

static string Price(decimal? usd) => usd is decimal value ? "$" + value.ToString(CultureInfo.InvariantCulture) : "-";
