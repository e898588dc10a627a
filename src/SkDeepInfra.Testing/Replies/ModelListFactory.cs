using System.Collections.Generic;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Replies;

/// <summary>
/// Builds the model list from <see cref="DeepInfraEmulatorOptions.Models"/>, priced from
/// <see cref="DeepInfraEmulatorOptions.PriceOf"/>. Embedding models list no output price and no <c>max_tokens</c>; a
/// model without description, context length, max tokens and tags has <c>"metadata": null</c>.
/// </summary>
internal static class ModelListFactory
{
    public static byte[] Build(DeepInfraEmulatorOptions options)
    {
        var data = new List<WireModel>();
        foreach (EmulatorModel? model in options.Models)
        {
            if (model is not null)
            {
                data.Add(ToWire(model, options.PriceOf(model.Id)));
            }
        }

        return EmulatorJson.ToUtf8(new WireModelList { Data = data }, EmulatorJsonContext.Default.WireModelList);
    }

    private static WireModel ToWire(EmulatorModel model, EmulatorModelPrice price) => new()
    {
        Id = model.Id,
        Created = model.Created.ToUnixTimeSeconds(),
        Root = model.Id,
        Metadata = MetadataOf(model, price),
    };

    private static WireModelMetadata? MetadataOf(EmulatorModel model, EmulatorModelPrice price)
    {
        bool embedding = model.EmbeddingDimensions is not null;
        int? maxTokens = embedding ? null : model.MaxTokens;
        if (model.Description is null && model.ContextLength is null && maxTokens is null && model.Tags.Count == 0)
        {
            return null;
        }

        return new WireModelMetadata
        {
            Description = model.Description,
            ContextLength = model.ContextLength,
            MaxTokens = maxTokens,
            Pricing = new WireModelPricing
            {
                InputTokens = price.InputPerMillionTokens,
                OutputTokens = embedding ? null : price.OutputPerMillionTokens,
            },
            Tags = [.. model.Tags],
        };
    }
}
