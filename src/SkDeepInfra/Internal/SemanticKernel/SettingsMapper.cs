using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Typed mapping of Semantic Kernel settings: <see cref="PromptExecutionSettings.ExtensionData"/> keys to
/// <see cref="DeepInfraPromptExecutionSettings"/>, and those settings to <see cref="ChatOptions"/>. Ranges are checked
/// on the original double values, before anything is sent.
/// </summary>
internal static class SettingsMapper
{
    public static DeepInfraPromptExecutionSettings FromExtensionData(PromptExecutionSettings? settings)
    {
        var result = new DeepInfraPromptExecutionSettings();
        if (settings is null)
        {
            return result;
        }

        result.ModelId = settings.ModelId;
        result.ServiceId = settings.ServiceId;
        result.FunctionChoiceBehavior = settings.FunctionChoiceBehavior;
        Dictionary<string, object>? unknown = null;
        if (settings.GetType() != typeof(PromptExecutionSettings))
        {
            ApplyTypedMembers(result, settings, ref unknown);
        }

        if (settings.ExtensionData is { Count: > 0 } data)
        {
            foreach (KeyValuePair<string, object> entry in data)
            {
                if (!TryApply(result, entry.Key, entry.Value))
                {
                    (unknown ??= new Dictionary<string, object>(StringComparer.Ordinal))[entry.Key] = entry.Value;
                }
            }
        }

        result.ExtensionData = unknown;
        return result;
    }

    /// <summary>
    /// Another connector's settings: its typed members under DeepInfra's names (<c>temperature</c>, <c>max_tokens</c>, …) and
    /// the instruction keys count, as in Semantic Kernel's own JSON round trip; its other members are not DeepInfra's and are not sent.
    /// <see cref="PromptExecutionSettings.ExtensionData"/> keys are left to the caller, which reads them afterwards and so wins.
    /// </summary>
    private static void ApplyTypedMembers(DeepInfraPromptExecutionSettings result, PromptExecutionSettings settings, ref Dictionary<string, object>? unknown)
    {
        JsonElement json;
        try
        {
            json = JsonSerializer.SerializeToElement(settings, AIJsonUtilities.DefaultOptions.GetTypeInfo(settings.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            // No JSON contract for this type (trimmed or AOT app, or a member such as a Type that cannot be written):
            // only its ExtensionData is read.
            return;
        }

        foreach (JsonProperty member in json.EnumerateObject())
        {
            if (settings.ExtensionData?.ContainsKey(member.Name) == true || member.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (IsKnown(member.Name))
            {
                TryApply(result, member.Name, member.Value);
            }
            else if (IsChatClientKey(member.Name) && member.Value.ValueKind == JsonValueKind.String)
            {
                (unknown ??= new Dictionary<string, object>(StringComparer.Ordinal))[member.Name] = member.Value.GetString()!;
            }
        }
    }

    /// <summary>Carries <see cref="DeepInfraPromptExecutionSettings"/> from the service to <see cref="SemanticKernelMetadataChatClient"/>; never sent.</summary>
    public const string SettingsKey = "skdeepinfra.settings";

    /// <summary>
    /// What the service hands Semantic Kernel's function-calling adapter: plain settings (so its <c>ToChatOptions</c> skips
    /// the JSON round trip it makes of derived types) with the model, service, function choice and instruction keys, and the
    /// DeepInfra settings under <see cref="SettingsKey"/>, which <see cref="SemanticKernelMetadataChatClient"/> applies with
    /// <see cref="ApplyTo"/> to each request of the loop.
    /// </summary>
    public static PromptExecutionSettings ToKernelSettings(DeepInfraPromptExecutionSettings settings)
    {
        var data = new Dictionary<string, object>(1, StringComparer.Ordinal) { [SettingsKey] = settings };
        if (settings.ExtensionData is { Count: > 0 } extension)
        {
            foreach (KeyValuePair<string, object> entry in extension)
            {
                if (IsChatClientKey(entry.Key))
                {
                    data[entry.Key] = entry.Value;
                }
            }
        }

        return new PromptExecutionSettings
        {
            ModelId = settings.ModelId,
            ServiceId = settings.ServiceId,
            FunctionChoiceBehavior = settings.FunctionChoiceBehavior,
            ExtensionData = data,
        };
    }

    public static void ApplyTo(DeepInfraPromptExecutionSettings settings, ChatOptions options)
    {
        // Keys left in ExtensionData fill typed members the caller did not set; the rest are sent by name.
        DeepInfraPromptExecutionSettings effective = settings;
        AdditionalPropertiesDictionary? additional = null;
        if (settings.ExtensionData is { Count: > 0 } data)
        {
            effective = (DeepInfraPromptExecutionSettings)settings.Clone();
            foreach (KeyValuePair<string, object> entry in data)
            {
                if (IsKnown(entry.Key))
                {
                    if (!IsSet(effective, entry.Key))
                    {
                        TryApply(effective, entry.Key, entry.Value);
                    }
                }
                else if (!IsChatClientKey(entry.Key))
                {
                    (additional ??= [])[entry.Key] = entry.Value;
                }
            }
        }

        options.Temperature = (float?)ParameterRanges.Temperature(effective.Temperature);
        options.TopP = (float?)ParameterRanges.TopP(effective.TopP);
        options.TopK = ParameterRanges.TopK(effective.TopK);
        options.MaxOutputTokens = ParameterRanges.MaxTokens(effective.MaxTokens);
        options.PresencePenalty = (float?)ParameterRanges.PresencePenalty(effective.PresencePenalty);
        options.FrequencyPenalty = (float?)ParameterRanges.FrequencyPenalty(effective.FrequencyPenalty);
        options.Seed = effective.Seed;
        options.StopSequences = effective.StopSequences is { Count: > 0 } stop ? [.. stop] : null;
        options.ResponseFormat = ResponseFormats.ToChatResponseFormat(effective.ResponseFormat);
        options.Reasoning = null;

        AddIfSet(ref additional, DeepInfraPropertyNames.MinP, ParameterRanges.MinP(effective.MinP));
        AddIfSet(ref additional, DeepInfraPropertyNames.RepetitionPenalty, ParameterRanges.RepetitionPenalty(effective.RepetitionPenalty));
        AddIfSet(ref additional, DeepInfraPropertyNames.User, effective.User);
        AddIfSet(ref additional, DeepInfraPropertyNames.ReasoningEffort, effective.ReasoningEffort);
        options.AdditionalProperties = additional;
    }

    private static void AddIfSet(ref AdditionalPropertiesDictionary? additional, string key, object? value)
    {
        if (value is not null)
        {
            (additional ??= [])[key] = value;
        }
    }

    private static bool IsKnown(string key) => key.ToUpperInvariant() switch
    {
        "TEMPERATURE" or "TOP_P" or "MIN_P" or "TOP_K" or "MAX_TOKENS" or "PRESENCE_PENALTY" or "FREQUENCY_PENALTY"
            or "REPETITION_PENALTY" or "SEED" or "USER" or "STOP_SEQUENCES" or "STOP" or "RESPONSE_FORMAT" or "REASONING_EFFORT" => true,
        _ => false,
    };

    /// <summary>Keys Semantic Kernel itself turns into <see cref="ChatOptions"/> members (instructions); never sent as extra keys.</summary>
    private static bool IsChatClientKey(string key) => key.ToUpperInvariant() is "CHAT_SYSTEM_PROMPT" or "CHAT_DEVELOPER_PROMPT" or "SYSTEMINSTRUCTION";

    private static bool IsSet(DeepInfraPromptExecutionSettings s, string key) => key.ToUpperInvariant() switch
    {
        "TEMPERATURE" => s.Temperature is not null,
        "TOP_P" => s.TopP is not null,
        "MIN_P" => s.MinP is not null,
        "TOP_K" => s.TopK is not null,
        "MAX_TOKENS" => s.MaxTokens is not null,
        "PRESENCE_PENALTY" => s.PresencePenalty is not null,
        "FREQUENCY_PENALTY" => s.FrequencyPenalty is not null,
        "REPETITION_PENALTY" => s.RepetitionPenalty is not null,
        "SEED" => s.Seed is not null,
        "USER" => s.User is not null,
        "STOP_SEQUENCES" or "STOP" => s.StopSequences is not null,
        "RESPONSE_FORMAT" => s.ResponseFormat is not null,
        "REASONING_EFFORT" => s.ReasoningEffort is not null,
        _ => false,
    };

    private static bool TryApply(DeepInfraPromptExecutionSettings s, string key, object? value)
    {
        switch (key.ToUpperInvariant())
        {
            case "TEMPERATURE": s.Temperature = JsonValues.ReadDouble(key, value); return true;
            case "TOP_P": s.TopP = JsonValues.ReadDouble(key, value); return true;
            case "MIN_P": s.MinP = JsonValues.ReadDouble(key, value); return true;
            case "TOP_K": s.TopK = JsonValues.ReadInt32(key, value); return true;
            case "MAX_TOKENS": s.MaxTokens = JsonValues.ReadInt32(key, value); return true;
            case "PRESENCE_PENALTY": s.PresencePenalty = JsonValues.ReadDouble(key, value); return true;
            case "FREQUENCY_PENALTY": s.FrequencyPenalty = JsonValues.ReadDouble(key, value); return true;
            case "REPETITION_PENALTY": s.RepetitionPenalty = JsonValues.ReadDouble(key, value); return true;
            case "SEED": s.Seed = JsonValues.ReadInt64(key, value); return true;
            case "USER": s.User = JsonValues.ReadString(key, value); return true;
            case "STOP_SEQUENCES" or "STOP": s.StopSequences = JsonValues.ReadStrings(key, value); return true;
            case "RESPONSE_FORMAT": s.ResponseFormat = value is JsonElement { ValueKind: JsonValueKind.Null } ? null : value; return true;
            case "REASONING_EFFORT": s.ReasoningEffort = JsonValues.ReadString(key, value); return true;
            default: return false;
        }
    }
}
