using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Semantic Kernel settings of any type to <see cref="DeepInfraPromptExecutionSettings"/>, and those to <see cref="ChatOptions"/>,
/// through <see cref="DeepInfraSettingsTable"/>. Ranges are checked once, on the original values, before anything is sent.
/// </summary>
internal static class SettingsMapper
{
    /// <summary>The system prompt Semantic Kernel's connectors add when the history has no system message; never sent as a key.</summary>
    public const string ChatSystemPromptKey = "chat_system_prompt";

    /// <summary>The developer prompt of Semantic Kernel's OpenAI settings; DeepInfra has no developer role, so it is a system prompt.</summary>
    public const string ChatDeveloperPromptKey = "chat_developer_prompt";

    /// <summary>The system instruction key of Semantic Kernel's chat-client settings; read as the system prompt.</summary>
    public const string SystemInstructionKey = "systemInstruction";

    public static DeepInfraPromptExecutionSettings FromExecutionSettings(PromptExecutionSettings? settings)
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
            ForeignSettingsReader.Read(settings, result, ref unknown);
        }

        if (settings.ExtensionData is { Count: > 0 } data)
        {
            foreach (KeyValuePair<string, object> entry in data)
            {
                if (DeepInfraSettingsTable.TryFind(entry.Key, out DeepInfraSetting setting))
                {
                    setting.Set(result, entry.Key, entry.Value);
                }
                else
                {
                    (unknown ??= new Dictionary<string, object>(StringComparer.Ordinal))[entry.Key] = entry.Value;
                }
            }
        }

        result.ExtensionData = unknown;
        return result;
    }

    /// <summary>The options of every request of one call: the settings' values (ranges checked) and pass-through keys.</summary>
    public static ChatOptions ToChatOptions(DeepInfraPromptExecutionSettings settings)
    {
        var options = new ChatOptions { ModelId = settings.ModelId };
        ApplyTo(settings, options);
        return options;
    }

    /// <summary>
    /// Puts <paramref name="settings"/> on <paramref name="options"/>. <see cref="PromptExecutionSettings.ExtensionData"/> keys
    /// of the table fill members the caller did not set; other keys are sent by name, except the prompt keys.
    /// </summary>
    public static void ApplyTo(DeepInfraPromptExecutionSettings settings, ChatOptions options)
    {
        DeepInfraPromptExecutionSettings effective = settings;
        AdditionalPropertiesDictionary? passThrough = null;
        if (settings.ExtensionData is { Count: > 0 } data)
        {
            foreach (KeyValuePair<string, object> entry in data)
            {
                if (DeepInfraSettingsTable.TryFind(entry.Key, out DeepInfraSetting setting))
                {
                    if (!setting.IsSet(effective))
                    {
                        if (ReferenceEquals(effective, settings))
                        {
                            effective = (DeepInfraPromptExecutionSettings)settings.Clone();
                        }

                        setting.Set(effective, entry.Key, entry.Value);
                    }
                }
                else if (!IsPromptKey(entry.Key))
                {
                    (passThrough ??= [])[entry.Key] = entry.Value;
                }
            }
        }

        options.AdditionalProperties = passThrough;
        options.Reasoning = null;
        foreach (DeepInfraSetting setting in DeepInfraSettingsTable.All)
        {
            setting.ApplyTo(effective, options);
        }
    }

    /// <summary>The system prompt of the settings, if any (the developer prompt counts as one).</summary>
    public static string? SystemPrompt(DeepInfraPromptExecutionSettings settings)
    {
        if (settings.ExtensionData is not { Count: > 0 } data)
        {
            return null;
        }

        string? system = data.TryGetValue(ChatSystemPromptKey, out object? s) ? JsonValues.ReadString(ChatSystemPromptKey, s)
            : data.TryGetValue(SystemInstructionKey, out object? i) ? JsonValues.ReadString(SystemInstructionKey, i) : null;
        string? developer = data.TryGetValue(ChatDeveloperPromptKey, out object? d) ? JsonValues.ReadString(ChatDeveloperPromptKey, d) : null;
        return string.IsNullOrWhiteSpace(developer) ? system : string.IsNullOrWhiteSpace(system) ? developer : developer + "\n\n" + system;
    }

    private static bool IsPromptKey(string key) =>
        key.Equals(ChatSystemPromptKey, StringComparison.OrdinalIgnoreCase) || key.Equals(ChatDeveloperPromptKey, StringComparison.OrdinalIgnoreCase)
        || key.Equals(SystemInstructionKey, StringComparison.OrdinalIgnoreCase);
}
