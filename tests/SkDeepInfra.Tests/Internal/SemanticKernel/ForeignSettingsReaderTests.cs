using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class ForeignSettingsReaderTests
{
    [Fact]
    public void Read_UnsetOpenAISettings_ReadsNothing()
    {
        var result = new DeepInfraPromptExecutionSettings();
        Dictionary<string, object>? passThrough = null;

        ForeignSettingsReader.Read(new OpenAIPromptExecutionSettings(), result, ref passThrough);

        Assert.Null(passThrough);
        Assert.Null(result.Temperature);
        Assert.Null(result.ResponseFormat);
    }

    [Fact]
    public void Read_ExtraBodyWithATableKey_WinsOverTheTypedMember()
    {
#pragma warning disable SKEXP0010 // ExtraBody
        var settings = new OpenAIPromptExecutionSettings { Temperature = 0.7, ExtraBody = new Dictionary<string, object?> { ["temperature"] = 0.0, ["top_k"] = 7 } };
#pragma warning restore SKEXP0010
        var result = new DeepInfraPromptExecutionSettings();
        Dictionary<string, object>? passThrough = null;

        ForeignSettingsReader.Read(settings, result, ref passThrough);

        Assert.Equal(0.0, result.Temperature);
        Assert.Equal(7, result.TopK);
        Assert.Null(passThrough);
    }

    [Theory]
    [InlineData(nameof(OpenAIPromptExecutionSettings.TopLogprobs))]
    [InlineData(nameof(OpenAIPromptExecutionSettings.Store))]
    [InlineData(nameof(OpenAIPromptExecutionSettings.ToolCallBehavior))]
    public void Read_MemberWithoutDeepInfraEquivalent_ThrowsNamingIt(string member)
    {
        var settings = new OpenAIPromptExecutionSettings();
        switch (member)
        {
            case nameof(OpenAIPromptExecutionSettings.TopLogprobs): settings.TopLogprobs = 3; break;
            case nameof(OpenAIPromptExecutionSettings.Store): settings.Store = true; break;
#pragma warning disable CS0618 // ToolCallBehavior is obsolete; migrating users may still set it.
            default: settings.ToolCallBehavior = ToolCallBehavior.AutoInvokeKernelFunctions; break;
#pragma warning restore CS0618
        }

        Dictionary<string, object>? passThrough = null;
        var ex = Assert.Throws<ArgumentException>(() => ForeignSettingsReader.Read(settings, new DeepInfraPromptExecutionSettings(), ref passThrough));

        Assert.Contains("OpenAIPromptExecutionSettings." + member, ex.Message, StringComparison.Ordinal);
        Assert.Equal("executionSettings", ex.ParamName);
    }

    [Fact]
    public void Read_PromptsAndLogprobs_GoToPassThroughKeys()
    {
#pragma warning disable SKEXP0010 // ChatDeveloperPrompt
        var settings = new OpenAIPromptExecutionSettings { ChatSystemPrompt = "Be brief.", ChatDeveloperPrompt = "Use French.", Logprobs = true };
#pragma warning restore SKEXP0010
        Dictionary<string, object>? passThrough = null;

        ForeignSettingsReader.Read(settings, new DeepInfraPromptExecutionSettings(), ref passThrough);

        Assert.Equal("Be brief.", passThrough![SettingsMapper.ChatSystemPromptKey]);
        Assert.Equal("Use French.", passThrough[SettingsMapper.ChatDeveloperPromptKey]);
        Assert.Equal(true, passThrough["logprobs"]);
    }
}
