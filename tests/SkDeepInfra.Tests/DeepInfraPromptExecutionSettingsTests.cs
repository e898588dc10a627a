using System.Reflection;
using Microsoft.SemanticKernel;
using SkDeepInfra.Internal.SemanticKernel;

namespace SkDeepInfra;

/// <summary>Semantic Kernel's settings contract: FromExecutionSettings, Clone, Freeze and the JSON names.</summary>
public sealed class DeepInfraPromptExecutionSettingsTests
{
    private static readonly PropertyInfo[] s_settable = [.. typeof(DeepInfraPromptExecutionSettings)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true })];

    [Fact]
    public void FromExecutionSettings_DeepInfraSettings_ReturnsSameInstance()
    {
        DeepInfraPromptExecutionSettings settings = FullySet();

        Assert.Same(settings, DeepInfraPromptExecutionSettings.FromExecutionSettings(settings));
    }

    [Fact]
    public void FromExecutionSettings_Null_ReturnsEmptySettings()
    {
        DeepInfraPromptExecutionSettings settings = DeepInfraPromptExecutionSettings.FromExecutionSettings(null);

        Assert.All(s_settable, p => Assert.Null(p.GetValue(settings)));
    }

    [Fact]
    public void FromExecutionSettings_PlainSettings_MapsKeysAndKeepsIdentity()
    {
        FunctionChoiceBehavior behavior = FunctionChoiceBehavior.Auto();
        var plain = new PromptExecutionSettings
        {
            ModelId = "meta-llama/Llama-3.3-70B-Instruct",
            ServiceId = "big",
            FunctionChoiceBehavior = behavior,
            ExtensionData = new Dictionary<string, object>
            {
                ["temperature"] = 0.7,
                ["top_p"] = "0.9",
                ["min_p"] = JsonDocument.Parse("0.05").RootElement,
                ["top_k"] = 40,
                ["max_tokens"] = 256L,
                ["presence_penalty"] = 0.5,
                ["frequency_penalty"] = -0.25,
                ["repetition_penalty"] = 1.1,
                ["seed"] = 42,
                ["user"] = "u-1",
                ["stop_sequences"] = new[] { "END" },
                ["response_format"] = "json_object",
                ["reasoning_effort"] = "low",
                ["logprobs"] = true,
            },
        };

        DeepInfraPromptExecutionSettings settings = DeepInfraPromptExecutionSettings.FromExecutionSettings(plain);

        Assert.NotSame(plain, settings);
        Assert.Equal("meta-llama/Llama-3.3-70B-Instruct", settings.ModelId);
        Assert.Equal("big", settings.ServiceId);
        Assert.Same(behavior, settings.FunctionChoiceBehavior);
        Assert.Equal(0.7, settings.Temperature);
        Assert.Equal(0.9, settings.TopP);
        Assert.Equal(0.05, settings.MinP);
        Assert.Equal(40, settings.TopK);
        Assert.Equal(256, settings.MaxTokens);
        Assert.Equal(0.5, settings.PresencePenalty);
        Assert.Equal(-0.25, settings.FrequencyPenalty);
        Assert.Equal(1.1, settings.RepetitionPenalty);
        Assert.Equal(42L, settings.Seed);
        Assert.Equal("u-1", settings.User);
        Assert.Equal(["END"], settings.StopSequences!);
        Assert.Equal("json_object", settings.ResponseFormat);
        Assert.Equal("low", settings.ReasoningEffort);
        Assert.Equal(true, Assert.Single(settings.ExtensionData!, e => e.Key == "logprobs").Value);
        Assert.Single(settings.ExtensionData!);
        Assert.Equal(14, plain.ExtensionData.Count);
    }

    [Fact]
    public void FromExecutionSettings_OtherConnectorsSettings_ReadsMembersWithDeepInfraNames()
    {
        FunctionChoiceBehavior behavior = FunctionChoiceBehavior.Auto();
        var other = new OtherConnectorSettings
        {
            ServiceId = "other",
            FunctionChoiceBehavior = behavior,
            Temperature = 0.4,
            TopP = 0.8,
            MaxTokens = 100,
            StopSequences = ["END"],
            ResponseFormat = "json_object",
            ChatSystemPrompt = "Be brief.",
            Logprobs = true,
            ExtensionData = new Dictionary<string, object> { ["top_p"] = 0.5, ["top_k"] = 5 },
        };

        DeepInfraPromptExecutionSettings settings = DeepInfraPromptExecutionSettings.FromExecutionSettings(other);

        Assert.Equal("other", settings.ServiceId);
        Assert.Same(behavior, settings.FunctionChoiceBehavior);
        Assert.Equal(0.4, settings.Temperature);
        Assert.Equal(0.5, settings.TopP);
        Assert.Equal(5, settings.TopK);
        Assert.Equal(100, settings.MaxTokens);
        Assert.Equal(["END"], settings.StopSequences!);
        Assert.Equal("json_object", settings.ResponseFormat);
        Assert.Equal(new Dictionary<string, object> { ["chat_system_prompt"] = "Be brief.", ["logprobs"] = true }, settings.ExtensionData!);
        Assert.Null(settings.Seed);
    }

    [Fact]
    public void FullySet_EveryPublicSettableProperty_HasAValue()
    {
        DeepInfraPromptExecutionSettings settings = FullySet();

        Assert.All(s_settable, p => Assert.True(p.GetValue(settings) is not null, $"{p.Name} is not set by FullySet()."));
    }

    [Fact]
    public void Clone_FullySet_CopiesEveryPropertyIntoANewInstance()
    {
        DeepInfraPromptExecutionSettings original = FullySet();

        var clone = Assert.IsType<DeepInfraPromptExecutionSettings>(original.Clone());

        Assert.NotSame(original, clone);
        Assert.False(clone.IsFrozen);
        foreach (PropertyInfo property in s_settable)
        {
            object? expected = property.GetValue(original);
            object? actual = property.GetValue(clone);
            if (expected is System.Collections.IEnumerable and not string)
            {
                Assert.NotSame(expected, actual);
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Clone_StopSequences_ListIsCopied()
    {
        DeepInfraPromptExecutionSettings original = FullySet();

        var clone = (DeepInfraPromptExecutionSettings)original.Clone();
        clone.StopSequences!.Add("STOP");
        clone.ExtensionData!["extra"] = 1;

        Assert.Equal(["END", "###"], original.StopSequences!);
        Assert.False(original.ExtensionData!.ContainsKey("extra"));
    }

    [Fact]
    public void Clone_Frozen_ReturnsAnEditableCopy()
    {
        DeepInfraPromptExecutionSettings original = FullySet();
        original.Freeze();

        var clone = (DeepInfraPromptExecutionSettings)original.Clone();
        clone.Temperature = 1.5;
        clone.StopSequences!.Add("STOP");

        Assert.Equal(1.5, clone.Temperature);
        Assert.Equal(0.7, original.Temperature);
        Assert.Equal(["END", "###", "STOP"], clone.StopSequences);
    }

    [Fact]
    public void Freeze_EverySetter_ThrowsInvalidOperationException()
    {
        DeepInfraPromptExecutionSettings settings = FullySet();

        settings.Freeze();

        Assert.True(settings.IsFrozen);
        Assert.All(s_settable, p =>
        {
            var ex = Assert.Throws<TargetInvocationException>(() => p.SetValue(settings, p.GetValue(settings)));
            Assert.IsType<InvalidOperationException>(ex.InnerException);
        });
    }

    [Fact]
    public void Freeze_TypedSetters_ThrowInvalidOperationException()
    {
        var settings = new DeepInfraPromptExecutionSettings();
        settings.Freeze();

        Assert.Throws<InvalidOperationException>(() => settings.Temperature = 0.5);
        Assert.Throws<InvalidOperationException>(() => settings.MinP = 0.5);
        Assert.Throws<InvalidOperationException>(() => settings.StopSequences = ["x"]);
        Assert.Throws<InvalidOperationException>(() => settings.ResponseFormat = "json_object");
        Assert.Throws<InvalidOperationException>(() => settings.ReasoningEffort = "low");
    }

    [Fact]
    public void Freeze_StopSequences_BecomeReadOnlyAndDetachedFromCallersList()
    {
        List<string> stops = ["END"];
        var settings = new DeepInfraPromptExecutionSettings { StopSequences = stops };

        settings.Freeze();
        stops.Add("LATER");

        Assert.True(settings.StopSequences!.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => settings.StopSequences!.Add("STOP"));
        Assert.Equal(["END"], settings.StopSequences);
    }

    [Fact]
    public void Freeze_Twice_IsANoOp()
    {
        DeepInfraPromptExecutionSettings settings = FullySet();
        settings.Freeze();
        IList<string> frozenStops = settings.StopSequences!;

        settings.Freeze();

        Assert.Same(frozenStops, settings.StopSequences);
    }

    [Fact]
    public void Serialize_Settings_UsesSnakeCaseNames()
    {
        DeepInfraPromptExecutionSettings settings = FullySet();
        settings.FunctionChoiceBehavior = null;

        JsonElement json = JsonSerializer.SerializeToElement(settings);

        string[] names = [.. json.EnumerateObject().Select(p => p.Name)];
        Assert.Superset(
            new HashSet<string>
            {
                "model_id", "service_id", "temperature", "top_p", "min_p", "top_k", "max_tokens", "presence_penalty", "frequency_penalty",
                "repetition_penalty", "seed", "user", "stop_sequences", "response_format", "reasoning_effort",
            },
            new HashSet<string>(names));
        Assert.DoesNotContain(names, n => n.Any(char.IsUpper));
        Assert.Equal(0.7, json.GetProperty("temperature").GetDouble());
        Assert.Equal(40, json.GetProperty("top_k").GetInt32());
        Assert.Equal("""["END","###"]""", json.GetProperty("stop_sequences").GetRawText());
        Assert.Equal("json_object", json.GetProperty("response_format").GetString());
        Assert.True(json.GetProperty("logprobs").GetBoolean());
    }

    [Fact]
    public void Deserialize_PromptTemplateJson_ReadsTypedValues()
    {
        var settings = JsonSerializer.Deserialize<DeepInfraPromptExecutionSettings>(
            """{"temperature":0.3,"min_p":0.1,"top_k":40,"response_format":"json_object"}""")!;

        Assert.Equal(0.3, settings.Temperature);
        Assert.Equal(0.1, settings.MinP);
        Assert.Equal(40, settings.TopK);
        Assert.IsType<ChatResponseFormatJson>(ResponseFormats.ToChatResponseFormat(settings.ResponseFormat));
        Assert.Null(((ChatResponseFormatJson)ResponseFormats.ToChatResponseFormat(settings.ResponseFormat)!).Schema);
    }

    [Fact]
    public void Deserialize_FullJson_ReadsEveryValueAndKeepsUnknownKeys()
    {
        var settings = JsonSerializer.Deserialize<DeepInfraPromptExecutionSettings>(
            """
            {"model_id":"m","service_id":"s","temperature":0.7,"top_p":0.9,"min_p":0.05,"top_k":40,"max_tokens":256,
             "presence_penalty":0.5,"frequency_penalty":-0.25,"repetition_penalty":1.1,"seed":42,"user":"u","stop_sequences":["END"],
             "response_format":{"type":"object"},"reasoning_effort":"low","logprobs":true}
            """)!;

        Assert.Equal("m", settings.ModelId);
        Assert.Equal("s", settings.ServiceId);
        Assert.Equal(0.9, settings.TopP);
        Assert.Equal(256, settings.MaxTokens);
        Assert.Equal(0.5, settings.PresencePenalty);
        Assert.Equal(-0.25, settings.FrequencyPenalty);
        Assert.Equal(1.1, settings.RepetitionPenalty);
        Assert.Equal(42L, settings.Seed);
        Assert.Equal("u", settings.User);
        Assert.Equal(["END"], settings.StopSequences!);
        Assert.Equal("low", settings.ReasoningEffort);
        var format = Assert.IsType<ChatResponseFormatJson>(ResponseFormats.ToChatResponseFormat(settings.ResponseFormat));
        Assert.Equal("""{"type":"object"}""", format.Schema!.Value.GetRawText());
        Assert.True(((JsonElement)settings.ExtensionData!["logprobs"]).GetBoolean());
    }

    [Fact]
    public void Serialize_TypeResponseFormat_WritesItsSchema()
    {
        var settings = new DeepInfraPromptExecutionSettings { ResponseFormat = typeof(Person) };

        JsonElement json = JsonSerializer.SerializeToElement(settings);

        JsonElement schema = json.GetProperty("response_format");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.True(schema.GetProperty("properties").TryGetProperty("Name", out _));
        Assert.True(schema.GetProperty("properties").TryGetProperty("Age", out _));
    }

    [Fact]
    public void ToChatOptions_TypeResponseFormat_SemanticKernelRoundTripDoesNotThrow()
    {
        var settings = new DeepInfraPromptExecutionSettings { ResponseFormat = typeof(Person), Temperature = 0.2 };

        ChatOptions options = settings.ToChatOptions(kernel: null);

        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal(nameof(Person), format.SchemaName);
        Assert.Equal(0.2f, options.Temperature);
    }

    [Fact]
    public void Serialize_ChatResponseFormats_WriteTheirJsonForms()
    {
        JsonElement schema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

        Assert.Equal("text", JsonSerializer.SerializeToElement(new DeepInfraPromptExecutionSettings { ResponseFormat = ChatResponseFormat.Text }).GetProperty("response_format").GetString());
        Assert.Equal("json_object", JsonSerializer.SerializeToElement(new DeepInfraPromptExecutionSettings { ResponseFormat = ChatResponseFormat.Json }).GetProperty("response_format").GetString());
        Assert.Equal(
            """{"type":"object"}""",
            JsonSerializer.SerializeToElement(new DeepInfraPromptExecutionSettings { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) }).GetProperty("response_format").GetRawText());
    }

    private static DeepInfraPromptExecutionSettings FullySet() => new()
    {
        ModelId = "meta-llama/Meta-Llama-3.1-8B-Instruct",
        ServiceId = "small",
        FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
        ExtensionData = new Dictionary<string, object> { ["logprobs"] = true },
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
        StopSequences = ["END", "###"],
        ResponseFormat = "json_object",
        ReasoningEffort = "low",
    };

    private sealed record Person(string Name, int Age);
}
