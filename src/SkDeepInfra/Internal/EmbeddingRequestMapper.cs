using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>
/// Checks the inputs and maps <see cref="EmbeddingGenerationOptions"/> to the request every batch shares: the model, the
/// dimensions, the encoding (base64 unless <c>encoding_format</c> says <c>float</c>), <c>user</c>, and any other provider key
/// by name. Every check runs before anything is sent.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Errors name the caller's 'options' parameter.")]
internal static class EmbeddingRequestMapper
{
    public const int MinDimensions = 32;
    public const string Base64 = "base64";
    public const string Float = "float";

    /// <summary>Keys the request builds itself; setting them through AdditionalProperties is an error.</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal) { "model", "input", "dimensions" };

    /// <summary>The inputs as a list, each checked for null.</summary>
    public static IReadOnlyList<string> ToInputs(IEnumerable<string> values)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        var inputs = values as IReadOnlyList<string> ?? new List<string>(values);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentException($"values[{i.ToString(CultureInfo.InvariantCulture)}] is null; every value to embed must be a string.", nameof(values));
            }
        }

        return inputs;
    }

    /// <summary>The request without its inputs, which each batch sets.</summary>
    public static EmbeddingRequest ToWireTemplate(EmbeddingGenerationOptions? options, string defaultModelId, int? defaultDimensions)
    {
        var request = new EmbeddingRequest
        {
            Model = string.IsNullOrWhiteSpace(options?.ModelId) ? defaultModelId : options!.ModelId!,
            Dimensions = CheckDimensions(options?.Dimensions ?? defaultDimensions, "dimensions"),
            EncodingFormat = Base64,
        };

        if (options?.AdditionalProperties is { Count: > 0 } additional)
        {
            foreach (KeyValuePair<string, object?> entry in additional)
            {
                ApplyAdditional(entry.Key, entry.Value, request);
            }
        }

        return request;
    }

    /// <summary>The request for one batch: the template's settings with the inputs [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="count"/>).</summary>
    public static EmbeddingRequest ForBatch(EmbeddingRequest template, IReadOnlyList<string> inputs, int offset, int count) => new()
    {
        Model = template.Model,
        Input = count == inputs.Count ? inputs : Slice(inputs, offset, count),
        EncodingFormat = template.EncodingFormat,
        Dimensions = template.Dimensions,
        User = template.User,
        Extra = template.Extra,
    };

    /// <summary>Null, or a dimension count DeepInfra accepts (at least 32).</summary>
    public static int? CheckDimensions(int? value, string parameter) =>
        value is < MinDimensions
            ? throw new ArgumentOutOfRangeException(parameter, value, $"dimensions must be at least {MinDimensions}; got {value}.")
            : value;

    private static void ApplyAdditional(string key, object? value, EmbeddingRequest request)
    {
        switch (key)
        {
            case "encoding_format":
                string? format = JsonValues.ReadString(key, value);
                request.EncodingFormat = format switch
                {
                    null or Base64 => Base64,
                    Float => Float,
                    _ => throw new ArgumentOutOfRangeException(JsonValues.OptionsParameter, format, $"AdditionalProperties[\"encoding_format\"] must be \"{Float}\" or \"{Base64}\"; got \"{format}\"."),
                };
                break;
            case DeepInfraPropertyNames.User:
                request.User = JsonValues.ReadString(key, value);
                break;
            default:
                if (s_reserved.Contains(key))
                {
                    throw new ArgumentException($"AdditionalProperties[\"{key}\"] is set by the generator itself; use EmbeddingGenerationOptions or the values instead.", JsonValues.OptionsParameter);
                }

                request.Extra = JsonValues.AddPassThrough(request.Extra, key, value);
                break;
        }
    }

    private static string[] Slice(IReadOnlyList<string> inputs, int offset, int count)
    {
        string[] slice = new string[count];
        for (int i = 0; i < count; i++)
        {
            slice[i] = inputs[offset + i];
        }

        return slice;
    }
}
