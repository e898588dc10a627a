using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using SkDeepInfra.Testing.Catalog;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Replies;

/// <summary>
/// Builds the default answer to an embeddings request: 400 for a listed text generation model, else one
/// <see cref="HashingEmbedder"/> vector per input with usage and cost. The length is <c>dimensions</c> when given
/// (hashed in the native length and padded with zeros when larger), else the model's native length.
/// </summary>
internal static class EmbeddingFactory
{
    public static (int StatusCode, byte[] Body) Answer(EmulatorRequest request, DeepInfraEmulatorOptions options)
    {
        string model = request.Model ?? "unknown";
        EmulatorModel? listed = options.FindModel(model);
        if (listed is { EmbeddingDimensions: null })
        {
            return (400, Encoding.UTF8.GetBytes(ErrorBodies.For(400, $"Model '{model}' does not support embeddings.")));
        }

        int native = listed?.EmbeddingDimensions ?? DefaultModels.UnlistedEmbeddingDimensions;
        int length = RequestedDimensions(request) ?? native;
        bool base64 = request.TryGetProperty("encoding_format", out JsonElement format)
            && format.ValueKind == JsonValueKind.String
            && format.GetString() == "base64";

        IReadOnlyList<string> inputs = request.Inputs;
        var data = new List<WireEmbedding>(inputs.Count);
        for (int index = 0; index < inputs.Count; index++)
        {
            float[] values = HashingEmbedder.Embed(inputs[index], Math.Min(native, length), length);
            data.Add(new WireEmbedding { Index = index, Embedding = new WireEmbeddingVector { Values = values, AsBase64 = base64 } });
        }

        int tokens = TokenEstimator.InputTokens(inputs);
        var list = new WireEmbeddingList
        {
            Data = data,
            Model = model,
            Usage = new WireEmbeddingUsage
            {
                PromptTokens = tokens,
                TotalTokens = tokens,
                EstimatedCost = options.PriceOf(model).EstimateCost(tokens, 0),
            },
        };
        return (200, EmulatorJson.ToUtf8(list, EmulatorJsonContext.Default.WireEmbeddingList));
    }

    /// <summary>A positive integer <c>dimensions</c>, or null (absent, null, or invalid with validation off).</summary>
    private static int? RequestedDimensions(EmulatorRequest request) =>
        request.TryGetProperty("dimensions", out JsonElement dimensions)
        && dimensions.ValueKind == JsonValueKind.Number
        && dimensions.TryGetInt32(out int value)
        && value > 0
            ? value
            : null;
}
