using System;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>One DeepInfra setting: names, member accessors and its mapping onto <see cref="ChatOptions"/>.</summary>
internal sealed class DeepInfraSetting(
    string name,
    string memberName,
    Func<DeepInfraPromptExecutionSettings, object?> get,
    Action<DeepInfraPromptExecutionSettings, string, object?> set,
    Action<DeepInfraPromptExecutionSettings, ChatOptions> apply,
    string? alias = null)
{
    /// <summary>The DeepInfra (JSON) name.</summary>
    public string Name { get; } = name;

    /// <summary>The <see cref="DeepInfraPromptExecutionSettings"/> member (and the usual name of the same member on other connectors' settings).</summary>
    public string MemberName { get; } = memberName;

    /// <summary>Another accepted JSON name.</summary>
    public string? Alias { get; } = alias;

    public bool IsSet(DeepInfraPromptExecutionSettings settings) => get(settings) is not null;

    /// <summary>Reads a loosely typed value into the member; a value of the wrong type is an <see cref="ArgumentException"/> naming <paramref name="key"/>.</summary>
    public void Set(DeepInfraPromptExecutionSettings settings, string key, object? value) => set(settings, key, value);

    /// <summary>Puts the member's value on <paramref name="options"/>, checking DeepInfra's range.</summary>
    public void ApplyTo(DeepInfraPromptExecutionSettings settings, ChatOptions options) => apply(settings, options);
}
