using System.Reflection;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class DeepInfraSettingsTableTests
{
    [Fact]
    public void All_EverySettingsMember_HasExactlyOneEntry()
    {
        string[] members = [.. typeof(DeepInfraPromptExecutionSettings)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.DeclaringType == typeof(DeepInfraPromptExecutionSettings) && p.CanWrite)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)];

        Assert.Equal(members, DeepInfraSettingsTable.All.Select(s => s.MemberName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("top_k")]
    [InlineData("TopK")]
    [InlineData("TOP_K")]
    public void TryFind_JsonOrMemberNameInAnyCase_FindsTheSetting(string name)
    {
        Assert.True(DeepInfraSettingsTable.TryFind(name, out DeepInfraSetting setting));
        Assert.Equal("top_k", setting.Name);
    }

    [Fact]
    public void TryFind_Alias_FindsTheSetting()
    {
        Assert.True(DeepInfraSettingsTable.TryFind("stop", out DeepInfraSetting setting));
        Assert.Equal(nameof(DeepInfraPromptExecutionSettings.StopSequences), setting.MemberName);
        Assert.False(DeepInfraSettingsTable.TryFind("logit_bias", out _));
    }

    [Fact]
    public void ApplyTo_OutOfRange_ThrowsNamingTheDeepInfraName()
    {
        DeepInfraSettingsTable.TryFind("min_p", out DeepInfraSetting setting);
        var settings = new DeepInfraPromptExecutionSettings { MinP = 1.5 };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => setting.ApplyTo(settings, new ChatOptions()));

        Assert.Equal("min_p", ex.ParamName);
    }

    [Fact]
    public void Set_ExtensibleEnumReasoningEffort_ReadsItsText()
    {
        DeepInfraSettingsTable.TryFind("reasoning_effort", out DeepInfraSetting setting);
        var settings = new DeepInfraPromptExecutionSettings();

#pragma warning disable OPENAI001 // The SDK's reasoning effort type, as migrating users pass it.
        setting.Set(settings, "reasoning_effort", OpenAI.Chat.ChatReasoningEffortLevel.High);
#pragma warning restore OPENAI001

        Assert.Equal("high", settings.ReasoningEffort);
    }

    [Fact]
    public void Set_WrongType_ThrowsArgumentException()
    {
        DeepInfraSettingsTable.TryFind("temperature", out DeepInfraSetting setting);

        Assert.Throws<ArgumentException>(() => setting.Set(new DeepInfraPromptExecutionSettings(), "temperature", new PromptExecutionSettings()));
    }
}
