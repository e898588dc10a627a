using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>
/// Maps <see cref="ChatOptions"/> members and provider keys in <see cref="ChatOptions.AdditionalProperties"/> to the
/// request body, validating every range first. A typed <see cref="ChatOptions"/> member wins over the same key in
/// <see cref="ChatOptions.AdditionalProperties"/>; keys DeepInfra knows no typed member for pass through by name.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Errors name the caller's 'options' parameter.")]
internal static class ChatOptionsMapper
{
    /// <summary>Keys the request builds itself; setting them through AdditionalProperties is an error.</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "model", "messages", "stream", "stream_options", "tools", "tool_choice", "response_format", "parallel_tool_calls",
    };

    public static void Apply(ChatOptions options, ChatCompletionRequest request)
    {
        request.Temperature = ParameterRanges.Temperature(ToDouble(options.Temperature));
        request.TopP = ParameterRanges.TopP(ToDouble(options.TopP));
        request.TopK = ParameterRanges.TopK(options.TopK);
        request.MaxTokens = ParameterRanges.MaxTokens(options.MaxOutputTokens);
        request.PresencePenalty = ParameterRanges.PresencePenalty(ToDouble(options.PresencePenalty));
        request.FrequencyPenalty = ParameterRanges.FrequencyPenalty(ToDouble(options.FrequencyPenalty));
        request.Seed = options.Seed;
        request.Stop = options.StopSequences is { Count: > 0 } stop ? [.. stop] : null;
        request.ResponseFormat = ToWireResponseFormat(options.ResponseFormat);
        request.ReasoningEffort = ToWireReasoningEffort(options.Reasoning?.Effort);

        if (options.AdditionalProperties is { Count: > 0 } additional)
        {
            foreach (KeyValuePair<string, object?> entry in additional)
            {
                ApplyAdditional(entry.Key, entry.Value, request);
            }
        }
    }

    private static void ApplyAdditional(string key, object? value, ChatCompletionRequest request)
    {
        switch (key)
        {
            case DeepInfraPropertyNames.MinP:
                request.MinP = ParameterRanges.MinP(JsonValues.ReadDouble(key, value));
                break;
            case DeepInfraPropertyNames.RepetitionPenalty:
                request.RepetitionPenalty = ParameterRanges.RepetitionPenalty(JsonValues.ReadDouble(key, value));
                break;
            case DeepInfraPropertyNames.User:
                request.User = JsonValues.ReadString(key, value);
                break;
            case DeepInfraPropertyNames.ReasoningEffort:
                request.ReasoningEffort ??= JsonValues.ReadString(key, value);
                break;
            case "temperature":
                request.Temperature ??= ParameterRanges.Temperature(JsonValues.ReadDouble(key, value));
                break;
            case "top_p":
                request.TopP ??= ParameterRanges.TopP(JsonValues.ReadDouble(key, value));
                break;
            case "top_k":
                request.TopK ??= ParameterRanges.TopK(JsonValues.ReadInt32(key, value));
                break;
            case "max_tokens":
                request.MaxTokens ??= ParameterRanges.MaxTokens(JsonValues.ReadInt32(key, value));
                break;
            case "presence_penalty":
                request.PresencePenalty ??= ParameterRanges.PresencePenalty(JsonValues.ReadDouble(key, value));
                break;
            case "frequency_penalty":
                request.FrequencyPenalty ??= ParameterRanges.FrequencyPenalty(JsonValues.ReadDouble(key, value));
                break;
            case "seed":
                request.Seed ??= JsonValues.ReadInt64(key, value);
                break;
            case "stop":
                request.Stop ??= JsonValues.ReadStrings(key, value);
                break;
            default:
                if (s_reserved.Contains(key))
                {
                    throw new ArgumentException($"AdditionalProperties[\"{key}\"] is set by the client itself; use the matching ChatOptions member instead.", JsonValues.OptionsParameter);
                }

                request.Extra = JsonValues.AddPassThrough(request.Extra, key, value);
                break;
        }
    }

    private static double? ToDouble(float? value) => value is float f ? JsonValues.ToDouble(f) : null;

    private static WireResponseFormat? ToWireResponseFormat(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => new WireResponseFormat
        {
            Type = "json_schema",
            JsonSchema = new WireJsonSchema
            {
                Name = string.IsNullOrWhiteSpace(json.SchemaName) ? "response" : json.SchemaName!,
                Description = json.SchemaDescription,
                Schema = schema,
            },
        },
        ChatResponseFormatJson => new WireResponseFormat { Type = "json_object" },
        _ => null,
    };

    private static string? ToWireReasoningEffort(ReasoningEffort? effort) => effort switch
    {
        null => null,
        ReasoningEffort.None => "none",
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",

        // DeepInfra's highest documented level is "high".
        _ => "high",
    };
}
