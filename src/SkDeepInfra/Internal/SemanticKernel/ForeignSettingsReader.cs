using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Reads another connector's settings (such as Semantic Kernel's <c>OpenAIPromptExecutionSettings</c>, which migrating users
/// pass unchanged) by their public members: members of <see cref="DeepInfraSettingsTable"/> by name, the system and developer
/// prompts, <c>Logprobs</c>, and <c>ExtraBody</c> (sent by name; its table keys win, as in the OpenAI connector). A set member
/// with no DeepInfra equivalent is an <see cref="ArgumentException"/> naming it, never dropped. The library does not reference
/// other connectors, so their types are read by reflection.
/// </summary>
[SuppressMessage("Usage", "CA2208", Justification = "Errors name the caller's 'executionSettings' parameter.")]
internal static class ForeignSettingsReader
{
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The members read are those the caller set on its own settings object; an app trimmed past them cannot have set them.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Default values of the settings' own value-type members.")]
    public static void Read(PromptExecutionSettings settings, DeepInfraPromptExecutionSettings result, ref Dictionary<string, object>? passThrough)
    {
        Type type = settings.GetType();
        IEnumerable? extraBody = null;
        foreach (PropertyInfo member in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (member.DeclaringType == typeof(PromptExecutionSettings) || member.GetMethod is not { IsPublic: true } || member.GetIndexParameters().Length != 0)
            {
                continue;
            }

            object? value = member.GetValue(settings);
            if (IsUnset(value, member.PropertyType))
            {
                continue;
            }

            string jsonName = member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? member.Name;
            if (settings.ExtensionData?.ContainsKey(jsonName) == true)
            {
                continue; // the ExtensionData entry of the same name is read afterwards and wins
            }

            if (DeepInfraSettingsTable.TryFind(member.Name, out DeepInfraSetting setting) || DeepInfraSettingsTable.TryFind(jsonName, out setting))
            {
                setting.Set(result, jsonName, value);
                continue;
            }

            switch (member.Name)
            {
                case "ChatSystemPrompt":
                    Add(ref passThrough, SettingsMapper.ChatSystemPromptKey, value!);
                    break;
                case "ChatDeveloperPrompt":
                    Add(ref passThrough, SettingsMapper.ChatDeveloperPromptKey, value!);
                    break;
                case "Logprobs":
                    Add(ref passThrough, "logprobs", value!);
                    break;
                case "ExtraBody" when value is IEnumerable entries:
                    extraBody = entries;
                    break;
                default:
                    throw new ArgumentException(
                        $"{type.Name}.{member.Name} is set ({value}) but has no DeepInfra equivalent; remove it, or put DeepInfra's own key in ExtensionData.",
                        "executionSettings");
            }
        }

        if (extraBody is not null)
        {
            ReadExtraBody(extraBody, result, ref passThrough);
        }
    }

    private static void ReadExtraBody(IEnumerable entries, DeepInfraPromptExecutionSettings result, ref Dictionary<string, object>? passThrough)
    {
        foreach (object? item in entries)
        {
            if (item is not KeyValuePair<string, object?> entry || entry.Value is null)
            {
                continue;
            }

            if (DeepInfraSettingsTable.TryFind(entry.Key, out DeepInfraSetting setting))
            {
                setting.Set(result, entry.Key, entry.Value);
            }
            else
            {
                Add(ref passThrough, entry.Key, entry.Value);
            }
        }
    }

    /// <summary>Null, an empty collection, <see langword="false"/> or another value type's default: the caller did not set it.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "The default of a value type needs no constructor to be kept.")]
    private static bool IsUnset(object? value, Type declared) => value switch
    {
        null => true,
        string => false,
        ICollection { Count: 0 } => true,
        bool b => !b && Nullable.GetUnderlyingType(declared) is null,
        ValueType when Nullable.GetUnderlyingType(declared) is null && declared.IsValueType => value.Equals(Activator.CreateInstance(declared)),
        _ => false,
    };

    private static void Add(ref Dictionary<string, object>? passThrough, string key, object value) =>
        (passThrough ??= new Dictionary<string, object>(StringComparer.Ordinal))[key] = value;
}
