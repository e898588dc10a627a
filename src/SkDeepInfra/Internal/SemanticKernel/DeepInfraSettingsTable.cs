using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Every DeepInfra setting once: its JSON name (and alias), its <see cref="DeepInfraPromptExecutionSettings"/> member, how a
/// loosely typed value (an <c>ExtensionData</c> entry, a JSON value, another connector's member) is read
/// into it, and how it goes onto <see cref="ChatOptions"/> with its range checked. Settings mapping reads only this table.
/// </summary>
internal static class DeepInfraSettingsTable
{
    /// <summary>Names a setting is known by: JSON name, alias and member name.</summary>
    private static readonly Dictionary<string, DeepInfraSetting> s_byName = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<DeepInfraSetting> All { get; } =
    [
        new("temperature", nameof(DeepInfraPromptExecutionSettings.Temperature), static s => s.Temperature,
            static (s, k, v) => s.Temperature = JsonValues.ReadDouble(k, v),
            static (s, o) => o.Temperature = (float?)ParameterRanges.Temperature(s.Temperature)),
        new("top_p", nameof(DeepInfraPromptExecutionSettings.TopP), static s => s.TopP,
            static (s, k, v) => s.TopP = JsonValues.ReadDouble(k, v),
            static (s, o) => o.TopP = (float?)ParameterRanges.TopP(s.TopP)),
        new("min_p", nameof(DeepInfraPromptExecutionSettings.MinP), static s => s.MinP,
            static (s, k, v) => s.MinP = JsonValues.ReadDouble(k, v),
            static (s, o) => AddIfSet(o, DeepInfraPropertyNames.MinP, ParameterRanges.MinP(s.MinP))),
        new("top_k", nameof(DeepInfraPromptExecutionSettings.TopK), static s => s.TopK,
            static (s, k, v) => s.TopK = JsonValues.ReadInt32(k, v),
            static (s, o) => o.TopK = ParameterRanges.TopK(s.TopK)),
        new("max_tokens", nameof(DeepInfraPromptExecutionSettings.MaxTokens), static s => s.MaxTokens,
            static (s, k, v) => s.MaxTokens = JsonValues.ReadInt32(k, v),
            static (s, o) => o.MaxOutputTokens = ParameterRanges.MaxTokens(s.MaxTokens)),
        new("presence_penalty", nameof(DeepInfraPromptExecutionSettings.PresencePenalty), static s => s.PresencePenalty,
            static (s, k, v) => s.PresencePenalty = JsonValues.ReadDouble(k, v),
            static (s, o) => o.PresencePenalty = (float?)ParameterRanges.PresencePenalty(s.PresencePenalty)),
        new("frequency_penalty", nameof(DeepInfraPromptExecutionSettings.FrequencyPenalty), static s => s.FrequencyPenalty,
            static (s, k, v) => s.FrequencyPenalty = JsonValues.ReadDouble(k, v),
            static (s, o) => o.FrequencyPenalty = (float?)ParameterRanges.FrequencyPenalty(s.FrequencyPenalty)),
        new("repetition_penalty", nameof(DeepInfraPromptExecutionSettings.RepetitionPenalty), static s => s.RepetitionPenalty,
            static (s, k, v) => s.RepetitionPenalty = JsonValues.ReadDouble(k, v),
            static (s, o) => AddIfSet(o, DeepInfraPropertyNames.RepetitionPenalty, ParameterRanges.RepetitionPenalty(s.RepetitionPenalty))),
        new("seed", nameof(DeepInfraPromptExecutionSettings.Seed), static s => s.Seed,
            static (s, k, v) => s.Seed = JsonValues.ReadInt64(k, v),
            static (s, o) => o.Seed = s.Seed),
        new("user", nameof(DeepInfraPromptExecutionSettings.User), static s => s.User,
            static (s, k, v) => s.User = JsonValues.ReadString(k, v),
            static (s, o) => AddIfSet(o, DeepInfraPropertyNames.User, s.User)),
        new("stop_sequences", nameof(DeepInfraPromptExecutionSettings.StopSequences), static s => s.StopSequences,
            static (s, k, v) => s.StopSequences = JsonValues.ReadStrings(k, v),
            static (s, o) => o.StopSequences = s.StopSequences is { Count: > 0 } stop ? [.. stop] : null,
            alias: "stop"),
        new("response_format", nameof(DeepInfraPromptExecutionSettings.ResponseFormat), static s => s.ResponseFormat,
            static (s, _, v) => s.ResponseFormat = v is JsonElement { ValueKind: JsonValueKind.Null } ? null : v,
            static (s, o) => o.ResponseFormat = ResponseFormats.ToChatResponseFormat(s.ResponseFormat)),
        new("reasoning_effort", nameof(DeepInfraPromptExecutionSettings.ReasoningEffort), static s => s.ReasoningEffort,
            static (s, k, v) => s.ReasoningEffort = ReadReasoningEffort(k, v),
            static (s, o) => AddIfSet(o, DeepInfraPropertyNames.ReasoningEffort, s.ReasoningEffort)),
    ];

    static DeepInfraSettingsTable()
    {
        foreach (DeepInfraSetting setting in All)
        {
            s_byName[setting.Name] = setting;
            s_byName[setting.MemberName] = setting;
            if (setting.Alias is not null)
            {
                s_byName[setting.Alias] = setting;
            }
        }
    }

    /// <summary>Finds a setting by JSON name, alias or member name, ignoring case.</summary>
    public static bool TryFind(string name, out DeepInfraSetting setting) => s_byName.TryGetValue(name, out setting!);

    /// <summary>
    /// A reasoning effort as a string: a string as given, or the text of an extensible enum such as OpenAI's
    /// <c>ChatReasoningEffortLevel</c> (a struct whose text is its wire value).
    /// </summary>
    private static string? ReadReasoningEffort(string key, object? value) => value switch
    {
        null or string or JsonElement => JsonValues.ReadString(key, value),
        ValueType when value.ToString() is { Length: > 0 } text && !text.Equals(value.GetType().ToString(), StringComparison.Ordinal) => text,
        _ => JsonValues.ReadString(key, value),
    };

    private static void AddIfSet(ChatOptions options, string key, object? value)
    {
        if (value is not null)
        {
            (options.AdditionalProperties ??= [])[key] = value;
        }
    }
}
