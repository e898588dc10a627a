using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkDeepInfra.Benchmarks.Floor;
using SkDeepInfra.Benchmarks.Infrastructure;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Contenders;

/// <summary>
/// Runs every embeddings contender once before anything is timed and checks both ends: the request (model, the 16 inputs
/// in order, no <c>dimensions</c>, the <c>encoding_format</c> it asked for) and the answer (16 vectors of 1024 floats,
/// bit for bit the ones served, in input order; usage tokens; the cost where the contender surfaces it).
/// </summary>
internal static class EmbeddingAnswerChecks
{
    public static async Task RunAsync(EmbeddingContenders c, EmbeddingReplayHandler handler, EmbeddingGenerationOptions floatOptions, FloorEmbeddingRequest floorRequest)
    {
        handler.Recording = true;
        try
        {
            Check(nameof(c.DeepInfraEmbeddingGenerator), c.DeepInfraEmbeddingGenerator, await c.DeepInfraEmbeddingGenerator.GenerateAsync(EmbeddingPayloads.Inputs), handler, "base64", surfacesCost: true);
            Check(nameof(c.DeepInfraEmbeddingGenerator) + "Float", c.DeepInfraEmbeddingGenerator, await c.DeepInfraEmbeddingGenerator.GenerateAsync(EmbeddingPayloads.Inputs, floatOptions), handler, "float", surfacesCost: true);
            Check(nameof(c.MeaiOpenAIEmbeddingGenerator), c.MeaiOpenAIEmbeddingGenerator, await c.MeaiOpenAIEmbeddingGenerator.GenerateAsync(EmbeddingPayloads.Inputs), handler, expectedFormat: null, surfacesCost: false);
            Check(nameof(c.SkOpenAIEmbeddingGenerator), c.SkOpenAIEmbeddingGenerator, await c.SkOpenAIEmbeddingGenerator.GenerateAsync(EmbeddingPayloads.Inputs), handler, expectedFormat: null, surfacesCost: false);

            FloorEmbeddingResponse floor = await c.Floor.EmbedAsync(floorRequest);
            string sent = CheckRequest(nameof(c.Floor), handler, "base64");
            List<FloorEmbedding> data = floor.Data ?? throw new InvalidOperationException("Floor: no data.");
            CheckVectors(nameof(c.Floor), [.. data.OrderBy(d => d.Index).Select(d => d.Embedding ?? [])]);
            CheckUsage(nameof(c.Floor), floor.Usage?.PromptTokens, floor.Usage?.TotalTokens, floor.Usage?.EstimatedCost, surfacesCost: true);
            Report(nameof(c.Floor), sent, "HttpClient + source-generated System.Text.Json");
        }
        finally
        {
            handler.Recording = false;
        }
    }

    private static void Check(string contender, IEmbeddingGenerator<string, Embedding<float>> generator, GeneratedEmbeddings<Embedding<float>> result, EmbeddingReplayHandler handler, string? expectedFormat, bool surfacesCost)
    {
        string sent = CheckRequest(contender, handler, expectedFormat);
        CheckVectors(contender, [.. result.Select(e => e.Vector.ToArray())]);
        double? cost = result.AdditionalProperties?.TryGetValue(DeepInfraPropertyNames.EstimatedCost, out object? value) == true ? value as double? : null;
        CheckUsage(contender, result.Usage?.InputTokenCount, result.Usage?.TotalTokenCount, cost, surfacesCost);
        Report(contender, sent, Describe(generator));
    }

    /// <summary>Checks the request body and returns the encoding it asked for (<c>(none)</c> when it names none).</summary>
    private static string CheckRequest(string contender, EmbeddingReplayHandler handler, string? expectedFormat)
    {
        byte[] body = handler.TakeLastRequest() ?? throw new InvalidOperationException($"{contender} sent no request.");
        using JsonDocument request = JsonDocument.Parse(body);
        JsonElement root = request.RootElement;
        string? model = root.TryGetProperty("model", out JsonElement m) ? m.GetString() : null;
        string[] input = root.TryGetProperty("input", out JsonElement i) && i.ValueKind == JsonValueKind.Array ? [.. i.EnumerateArray().Select(e => e.GetString() ?? "")] : [];
        string? format = EmbeddingReplayHandler.EncodingFormat(body);
        if (model != EmbeddingPayloads.Model || !input.SequenceEqual(EmbeddingPayloads.Inputs) || root.TryGetProperty("dimensions", out _) ||
            (expectedFormat is not null && format != expectedFormat))
        {
            throw new InvalidOperationException($"{contender} sent an unexpected request: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return format ?? "(none)";
    }

    private static void CheckVectors(string contender, float[][] vectors)
    {
        float[][] expected = EmbeddingPayloads.Vectors;
        if (vectors.Length != expected.Length)
        {
            throw new InvalidOperationException($"{contender} returned {vectors.Length} vectors; expected {expected.Length}.");
        }

        for (int v = 0; v < expected.Length; v++)
        {
            if (!MemoryMarshal.AsBytes(vectors[v].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(expected[v].AsSpan())))
            {
                int at = vectors[v].Length != expected[v].Length ? -1 : Enumerable.Range(0, expected[v].Length).First(d => BitConverter.SingleToInt32Bits(vectors[v][d]) != BitConverter.SingleToInt32Bits(expected[v][d]));
                throw new InvalidOperationException(at < 0
                    ? $"{contender}: vector {v} has {vectors[v].Length} values; expected {expected[v].Length}."
                    : $"{contender}: vector {v}[{at}] is {vectors[v][at]:R}; expected {expected[v][at]:R}.");
            }
        }
    }

    private static void CheckUsage(string contender, long? inputTokens, long? totalTokens, double? cost, bool surfacesCost)
    {
        if (inputTokens != EmbeddingPayloads.PromptTokens || totalTokens != EmbeddingPayloads.PromptTokens || (surfacesCost && cost != EmbeddingPayloads.EstimatedCost))
        {
            throw new InvalidOperationException(
                $"{contender}: usage {inputTokens}/{totalTokens}, cost {cost}; expected {EmbeddingPayloads.PromptTokens}/{EmbeddingPayloads.PromptTokens}, cost {EmbeddingPayloads.EstimatedCost}.");
        }
    }

    /// <summary>The generator's type and, through delegating generators (Semantic Kernel's registration), the types under it.</summary>
    private static string Describe(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var chain = new List<string>();
        object? current = generator;
        while (current is not null)
        {
            chain.Add(current.GetType().Name);
            current = current is DelegatingEmbeddingGenerator<string, Embedding<float>>
                ? typeof(DelegatingEmbeddingGenerator<string, Embedding<float>>)
                    .GetProperty("InnerGenerator", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)?.GetValue(current)
                : null;
        }

        return string.Join(" over ", chain);
    }

    private static void Report(string contender, string format, string what) =>
        Console.WriteLine($"// Embeddings check passed: {contender} ({what}) asked for encoding_format {format}; 16x1024 floats and usage match.");
}
