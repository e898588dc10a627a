using Microsoft.SemanticKernel;

namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class SettingsMapperTests
{
    public static TheoryData<object> HalfValues => new()
    {
        0.5,
        0.5f,
        0.5m,
        "0.5",
        " 0.5 ",
        Json("0.5"),
        Json("\"0.5\""),
    };

    [Fact]
    public void FromExecutionSettings_Null_ReturnsEmptySettings()
    {
        DeepInfraPromptExecutionSettings settings = SettingsMapper.FromExecutionSettings(null);

        Assert.Null(settings.Temperature);
        Assert.Null(settings.ExtensionData);
        Assert.Null(settings.ModelId);
    }

    [Theory]
    [MemberData(nameof(HalfValues))]
    public void FromExecutionSettings_NumberInAnyForm_ReadsTheValue(object value)
    {
        DeepInfraPromptExecutionSettings settings = SettingsMapper.FromExecutionSettings(With("temperature", value));

        Assert.Equal(0.5, settings.Temperature);
        Assert.Null(settings.ExtensionData);
    }

    [Theory]
    [InlineData("Temperature")]
    [InlineData("TEMPERATURE")]
    [InlineData("temperature")]
    public void FromExecutionSettings_KeyInAnyCase_IsRecognised(string key)
    {
        Assert.Equal(0.25, SettingsMapper.FromExecutionSettings(With(key, 0.25)).Temperature);
    }

    [Fact]
    public void FromExecutionSettings_WholeNumbers_ReadFromEveryForm()
    {
        Assert.Equal(40, SettingsMapper.FromExecutionSettings(With("top_k", 40L)).TopK);
        Assert.Equal(40, SettingsMapper.FromExecutionSettings(With("top_k", 40.0)).TopK);
        Assert.Equal(40, SettingsMapper.FromExecutionSettings(With("top_k", "40")).TopK);
        Assert.Equal(40, SettingsMapper.FromExecutionSettings(With("top_k", Json("40"))).TopK);
        Assert.Equal(9_007_199_254_740_993L, SettingsMapper.FromExecutionSettings(With("seed", 9_007_199_254_740_993L)).Seed);
    }

    [Fact]
    public void FromExecutionSettings_JsonNull_LeavesPropertyUnset()
    {
        DeepInfraPromptExecutionSettings settings = SettingsMapper.FromExecutionSettings(new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["temperature"] = Json("null"), ["response_format"] = Json("null"), ["user"] = Json("null") },
        });

        Assert.Null(settings.Temperature);
        Assert.Null(settings.ResponseFormat);
        Assert.Null(settings.User);
    }

    [Theory]
    [InlineData("temperature", "warm")]
    [InlineData("top_k", "40.5")]
    [InlineData("max_tokens", "1e12")]
    public void FromExecutionSettings_UnreadableValue_ThrowsArgumentExceptionNamingTheKey(string key, string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => SettingsMapper.FromExecutionSettings(With(key, value)));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromExecutionSettings_WrongJsonKinds_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SettingsMapper.FromExecutionSettings(With("temperature", true)));
        Assert.Throws<ArgumentException>(() => SettingsMapper.FromExecutionSettings(With("user", 42)));
        Assert.Throws<ArgumentException>(() => SettingsMapper.FromExecutionSettings(With("stop", Json("[1,2]"))));
        Assert.Throws<ArgumentException>(() => SettingsMapper.FromExecutionSettings(With("reasoning_effort", Json("{}"))));
    }

    [Fact]
    public void FromExecutionSettings_StopAsSingleString_BecomesOneSequence()
    {
        Assert.Equal(["END"], SettingsMapper.FromExecutionSettings(With("stop", "END")).StopSequences!);
    }

    [Fact]
    public void ApplyTo_EveryTypedSetting_MapsOntoChatOptions()
    {
        var settings = new DeepInfraPromptExecutionSettings
        {
            Temperature = 0.7,
            TopP = 0.9,
            MinP = 0.05,
            TopK = 40,
            MaxTokens = 256,
            PresencePenalty = 0.5,
            FrequencyPenalty = -0.25,
            RepetitionPenalty = 1.1,
            Seed = 42,
            User = "u-1",
            StopSequences = ["END"],
            ResponseFormat = "json_object",
            ReasoningEffort = "low",
        };
        var options = new ChatOptions();

        SettingsMapper.ApplyTo(settings, options);

        Assert.Equal(0.7f, options.Temperature);
        Assert.Equal(0.9f, options.TopP);
        Assert.Equal(40, options.TopK);
        Assert.Equal(256, options.MaxOutputTokens);
        Assert.Equal(0.5f, options.PresencePenalty);
        Assert.Equal(-0.25f, options.FrequencyPenalty);
        Assert.Equal(42L, options.Seed);
        Assert.Equal(["END"], options.StopSequences!);
        Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Null(options.Reasoning);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                [DeepInfraPropertyNames.MinP] = 0.05,
                [DeepInfraPropertyNames.RepetitionPenalty] = 1.1,
                [DeepInfraPropertyNames.User] = "u-1",
                [DeepInfraPropertyNames.ReasoningEffort] = "low",
            },
            options.AdditionalProperties!);
    }

    [Fact]
    public void ApplyTo_OptionsFromSemanticKernelsRoundTrip_ReplacesLossyValuesAndKeepsToolsAndInstructions()
    {
        var settings = new DeepInfraPromptExecutionSettings { Temperature = 0.3, ReasoningEffort = "none" };
        var tool = AIFunctionFactory.Create(() => "ok", "noop");
        var options = new ChatOptions
        {
            ModelId = "m",
            Instructions = "Be brief.",
            Tools = [tool],
            ToolMode = ChatToolMode.Auto,
            Temperature = 0.3f,
            TopK = 3,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low },
            AdditionalProperties = new() { ["temperature"] = 0.3, ["stop_sequences"] = Json("null"), ["min_p"] = Json("null") },
        };

        SettingsMapper.ApplyTo(settings, options);

        Assert.Equal("m", options.ModelId);
        Assert.Equal("Be brief.", options.Instructions);
        Assert.Same(tool, Assert.Single(options.Tools!));
        Assert.Same(ChatToolMode.Auto, options.ToolMode);
        Assert.Equal(0.3f, options.Temperature);
        Assert.Null(options.TopK);
        Assert.Null(options.Reasoning);
        Assert.Equal(new Dictionary<string, object?> { [DeepInfraPropertyNames.ReasoningEffort] = "none" }, options.AdditionalProperties!);
    }

    [Fact]
    public void ApplyTo_KnownExtensionDataKeys_FillUnsetMembersWithoutChangingSettings()
    {
        var settings = new DeepInfraPromptExecutionSettings
        {
            Temperature = 0.2,
            ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.9, ["top_k"] = "5", ["min_p"] = 0.1, ["safe_mode"] = false },
        };
        settings.Freeze();
        var options = new ChatOptions();

        SettingsMapper.ApplyTo(settings, options);

        Assert.Equal(0.2f, options.Temperature);
        Assert.Equal(5, options.TopK);
        Assert.Equal(0.1, options.AdditionalProperties![DeepInfraPropertyNames.MinP]);
        Assert.Equal(false, options.AdditionalProperties["safe_mode"]);
        Assert.Null(settings.TopK);
        Assert.Null(settings.MinP);
    }

    [Theory]
    [InlineData("chat_system_prompt")]
    [InlineData("chat_developer_prompt")]
    [InlineData("systemInstruction")]
    public void ApplyTo_InstructionKeys_AreNotSentAsBodyKeys(string key)
    {
        var settings = new DeepInfraPromptExecutionSettings { ExtensionData = new Dictionary<string, object> { [key] = "Be brief." } };
        var options = new ChatOptions();

        SettingsMapper.ApplyTo(settings, options);

        Assert.Null(options.AdditionalProperties);
    }

    [Fact]
    public void ApplyTo_OutOfRange_ThrowsNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SettingsMapper.ApplyTo(new DeepInfraPromptExecutionSettings { MinP = 1.5 }, new ChatOptions()));

        Assert.Equal("min_p", ex.ParamName);
    }

    [Fact]
    public void ToChatOptions_DeepInfraSettings_NoRoundTripLeftovers()
    {
        var settings = new DeepInfraPromptExecutionSettings
        {
            Temperature = 0.7,
            MinP = 0.05,
            TopK = 40,
            StopSequences = ["END"],
            ResponseFormat = typeof(SettingsMapperTests),
            ExtensionData = new Dictionary<string, object> { ["logprobs"] = true },
        };

        ChatOptions options = settings.ToChatOptions(kernel: null);

        Assert.Equal(0.7f, options.Temperature);
        Assert.Equal(40, options.TopK);
        Assert.Equal(["END"], options.StopSequences!);
        Assert.Equal(nameof(SettingsMapperTests), Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat).SchemaName);
        Assert.Equal(
            new Dictionary<string, object?> { ["logprobs"] = true, [DeepInfraPropertyNames.MinP] = 0.05 },
            options.AdditionalProperties!);
    }

    private static PromptExecutionSettings With(string key, object value) => new() { ExtensionData = new Dictionary<string, object> { [key] = value } };

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void FromExecutionSettings_OtherSettingsWithUnwritableMember_ReadsExtensionDataOnly()
    {
        var other = new SettingsHoldingAType { Format = typeof(Uri), ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.4 } };

        DeepInfraPromptExecutionSettings settings = SettingsMapper.FromExecutionSettings(other);

        Assert.Equal(0.4, settings.Temperature);
    }

    private sealed class SettingsHoldingAType : PromptExecutionSettings
    {
        [System.Text.Json.Serialization.JsonPropertyName("response_format")]
        public object? Format { get; set; }
    }
}
