using System;
using System.Collections.Generic;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>
/// Maps DeepInfra's model list to <see cref="DeepInfraModelInfo"/>s, in the server's order. Entries without an id cannot be
/// asked for by name and are skipped; missing metadata leaves members null.
/// </summary>
internal static class ModelCatalogMapper
{
    public static List<DeepInfraModelInfo> FromWire(ModelListResponse wire)
    {
        if (wire.Data is not { } data)
        {
            throw DeepInfraErrors.Malformed("the model list has no 'data' array", null);
        }

        var models = new List<DeepInfraModelInfo>(data.Count);
        foreach (WireModel? model in data)
        {
            if (model?.Id is { } id && !string.IsNullOrWhiteSpace(id))
            {
                models.Add(FromWire(id, model));
            }
        }

        return models;
    }

    private static DeepInfraModelInfo FromWire(string id, WireModel model)
    {
        WireModelMetadata? metadata = model.Metadata;
        return new DeepInfraModelInfo(id)
        {
            OwnedBy = model.OwnedBy,
            CreatedAt = model.Created is long seconds and > 0 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            Description = metadata?.Description,
            ContextLength = metadata?.ContextLength is int context and > 0 ? context : null,
            MaxOutputTokens = metadata?.MaxTokens is int max and > 0 ? max : null,
            Pricing = FromWire(metadata?.Pricing),
            Tags = ToTags(metadata?.Tags),
        };
    }

    private static DeepInfraModelPricing? FromWire(WireModelPricing? pricing) =>
        pricing is null || (pricing.InputTokens is null && pricing.OutputTokens is null && pricing.CacheReadTokens is null)
            ? null
            : new DeepInfraModelPricing
            {
                InputPerMillionTokens = pricing.InputTokens,
                OutputPerMillionTokens = pricing.OutputTokens,
                CacheReadPerMillionTokens = pricing.CacheReadTokens,
            };

    private static List<string> ToTags(List<string?>? tags)
    {
        if (tags is not { Count: > 0 })
        {
            return [];
        }

        var result = new List<string>(tags.Count);
        foreach (string? tag in tags)
        {
            if (!string.IsNullOrEmpty(tag))
            {
                result.Add(tag!);
            }
        }

        return result;
    }
}
