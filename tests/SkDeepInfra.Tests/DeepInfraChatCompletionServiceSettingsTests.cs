using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SkDeepInfra;

/// <summary>Settings in, request body out: every DeepInfra setting reaches the wire by its DeepInfra name and exact value.</summary>
public sealed class DeepInfraChatCompletionServiceSettingsTests
{
    private const string Head = """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Hi"}]""";

    private const string PersonSchema = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""";

    [Fact]
    public async Task GetChatMessageContentsAsync_EveryTypedSetting_SentByDeepInfraName()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
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
            User = "user-7f3a",
            StopSequences = ["END", "###"],
            ResponseFormat = "json_object",
            ReasoningEffort = "low",
        };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(
            Head + ""","temperature":0.7,"top_p":0.9,"min_p":0.05,"top_k":40,"max_tokens":256,"presence_penalty":0.5""" +
            ""","frequency_penalty":-0.25,"repetition_penalty":1.1,"seed":42,"user":"user-7f3a","stop":["END","###"]""" +
            ""","response_format":{"type":"json_object"},"reasoning_effort":"low"}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_NoSettings_SendsOnlyModelAndMessages()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());

        await TestServices.Create(handler).GetChatMessageContentsAsync(History());

        Assert.Equal(Head + "}", Assert.Single(handler.Requests).Body);
    }

    [Theory]
    [InlineData("temperature", 0.7)]
    [InlineData("temperature", 1.3)]
    [InlineData("temperature", 0.35)]
    [InlineData("top_p", 0.95)]
    [InlineData("top_p", 0.01)]
    [InlineData("presence_penalty", -1.15)]
    [InlineData("frequency_penalty", 0.3)]
    [InlineData("min_p", 0.07)]
    [InlineData("repetition_penalty", 1.05)]
    public async Task GetChatMessageContentsAsync_DecimalValue_SentExactlyAsGiven(string name, double value)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new DeepInfraPromptExecutionSettings();
        SetTyped(settings, name, value);

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), handler.Requests[0].Json.GetProperty(name).GetRawText());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_JsonElementSchema_SendsJsonSchemaFormat()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("{\"name\":\"Ada\"}"));
        var settings = new DeepInfraPromptExecutionSettings { ResponseFormat = JsonDocument.Parse(PersonSchema).RootElement };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(
            """{"type":"json_schema","json_schema":{"name":"response","schema":""" + PersonSchema + "}}",
            handler.Requests[0].Json.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_SchemaAsJsonString_SendsJsonSchemaFormat()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("{\"name\":\"Ada\"}"));
        var settings = new DeepInfraPromptExecutionSettings { ResponseFormat = PersonSchema };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(
            """{"type":"json_schema","json_schema":{"name":"response","schema":""" + PersonSchema + "}}",
            handler.Requests[0].Json.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_NamedOpenAiFormatString_KeepsNameAndDescription()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("{\"name\":\"Ada\"}"));
        string format = """{"type":"json_schema","json_schema":{"name":"person","description":"A person","schema":""" + PersonSchema + "}}";
        var settings = new DeepInfraPromptExecutionSettings { ResponseFormat = format };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(format, handler.Requests[0].Json.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ClrType_SendsGeneratedSchemaNamedAfterType()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("{\"name\":\"Ada\",\"age\":36}"));
        var settings = new DeepInfraPromptExecutionSettings { ResponseFormat = typeof(Person) };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        JsonElement format = handler.Requests[0].Json.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        JsonElement named = format.GetProperty("json_schema");
        Assert.Equal(nameof(Person), named.GetProperty("name").GetString());
        JsonElement schema = named.GetProperty("schema");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("Name").GetProperty("type").GetString());
        Assert.Equal("integer", schema.GetProperty("properties").GetProperty("Age").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_TextFormat_SendsNoResponseFormat()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new DeepInfraPromptExecutionSettings { ResponseFormat = "text" };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.False(handler.Requests[0].Json.TryGetProperty("response_format", out _));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_PlainSettingsWithExtensionData_MapsLikeTypedSettings()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object>
            {
                ["temperature"] = "0.5",
                ["top_p"] = Json("0.9"),
                ["min_p"] = 0.05,
                ["top_k"] = Json("40"),
                ["max_tokens"] = "128",
                ["presence_penalty"] = 0.1f,
                ["frequency_penalty"] = Json("-0.5"),
                ["repetition_penalty"] = "1.2",
                ["seed"] = 7,
                ["user"] = Json("\"abc\""),
                ["stop"] = Json("[\"END\"]"),
                ["response_format"] = "json_object",
                ["reasoning_effort"] = Json("\"high\""),
            },
        };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(
            Head + ""","temperature":0.5,"top_p":0.9,"min_p":0.05,"top_k":40,"max_tokens":128,"presence_penalty":0.1""" +
            ""","frequency_penalty":-0.5,"repetition_penalty":1.2,"seed":7,"user":"abc","stop":["END"]""" +
            ""","response_format":{"type":"json_object"},"reasoning_effort":"high"}""",
            handler.Requests[0].Body);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_JsonSchemaElementInExtensionData_SendsJsonSchemaFormat()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["response_format"] = Json(PersonSchema) } };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(
            """{"type":"json_schema","json_schema":{"name":"response","schema":""" + PersonSchema + "}}",
            handler.Requests[0].Json.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_UnknownExtensionDataKeys_PassThroughByName()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object>
            {
                ["temperature"] = 0.2,
                ["logprobs"] = true,
                ["top_logprobs"] = 3,
                ["custom_thing"] = Json("""{"a":[1,"b"]}"""),
                ["tag"] = "blue",
            },
        };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(
            Head + ""","temperature":0.2,"logprobs":true,"top_logprobs":3,"custom_thing":{"a":[1,"b"]},"tag":"blue"}""",
            handler.Requests[0].Body);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_TypedSettingWithExtensionDataKeys_TypedWinsAndKeysFillTheRest()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new DeepInfraPromptExecutionSettings
        {
            Temperature = 0.2,
            ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.9, ["top_k"] = 5, ["safe_mode"] = false },
        };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(Head + ""","temperature":0.2,"top_k":5,"safe_mode":false}""", handler.Requests[0].Body);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_OtherConnectorsSettings_TypedMembersWithDeepInfraNamesReachTheBody()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new OtherConnectorSettings
        {
            Temperature = 0.4,
            MaxTokens = 100,
            StopSequences = ["END"],
            ChatSystemPrompt = "Be brief.",
            ExtensionData = new Dictionary<string, object> { ["top_k"] = 5, ["temperature"] = 0.6 },
        };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]""" +
            ""","temperature":0.6,"top_k":5,"max_tokens":100,"stop":["END"]}""",
            handler.Requests[0].Body);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("stop_sequences")]
    [InlineData("STOP_SEQUENCES")]
    public async Task GetChatMessageContentsAsync_StopKeyInExtensionData_SentAsStop(string key)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion()).ReplyJson(Canned.Completion());
        var service = TestServices.Create(handler);

        await service.GetChatMessageContentsAsync(History(), new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { [key] = Json("""["END","###"]""") } });
        await service.GetChatMessageContentsAsync(History(), new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { [key] = new List<string> { "END", "###" } } });

        Assert.All(handler.Requests, r => Assert.Equal("""["END","###"]""", r.Json.GetProperty("stop").GetRawText()));
        Assert.All(handler.Requests, r => Assert.False(r.Json.TryGetProperty("stop_sequences", out _)));
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ChatSystemPromptKey_BecomesSystemMessageNotBodyKey()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["chat_system_prompt"] = "Be brief." } };

        await TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings);

        Assert.Equal(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}""",
            handler.Requests[0].Body);
    }

    [Theory]
    [InlineData("temperature", 2.5)]
    [InlineData("temperature", -0.1)]
    [InlineData("top_p", 0.0)]
    [InlineData("top_p", 1.5)]
    [InlineData("min_p", 1.01)]
    [InlineData("min_p", -0.5)]
    [InlineData("top_k", 1000.0)]
    [InlineData("top_k", -1.0)]
    [InlineData("max_tokens", -1.0)]
    [InlineData("max_tokens", 1000001.0)]
    [InlineData("presence_penalty", 2.5)]
    [InlineData("frequency_penalty", -2.5)]
    [InlineData("repetition_penalty", 0.0)]
    [InlineData("repetition_penalty", 5.5)]
    public async Task GetChatMessageContentsAsync_TypedSettingOutOfRange_ThrowsNamingParameterBeforeSending(string name, double value)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new DeepInfraPromptExecutionSettings();
        SetTyped(settings, name, value);

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings));

        Assert.Equal(name, ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("temperature", "3")]
    [InlineData("top_p", "0")]
    [InlineData("min_p", "2")]
    [InlineData("top_k", "1000")]
    [InlineData("max_tokens", "-5")]
    [InlineData("presence_penalty", "-2.01")]
    [InlineData("frequency_penalty", "9")]
    [InlineData("repetition_penalty", "0.001")]
    public async Task GetChatMessageContentsAsync_ExtensionDataOutOfRange_ThrowsNamingParameterBeforeSending(string name, string value)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { [name] = Json(value) } };

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings));

        Assert.Equal(name, ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("temperature", 2.5)]
    [InlineData("top_k", 1000.0)]
    [InlineData("repetition_penalty", 0.0)]
    public async Task GetStreamingChatMessageContentsAsync_SettingOutOfRange_ThrowsNamingParameterBeforeSending(string name, double value)
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        var settings = new DeepInfraPromptExecutionSettings();
        SetTyped(settings, name, value);

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            TestServices.CollectAsync(TestServices.Create(handler).GetStreamingChatMessageContentsAsync(History(), settings)));

        Assert.Equal(name, ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetChatMessageContentsAsync_ExtensionDataOfWrongType_ThrowsArgumentExceptionBeforeSending()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["temperature"] = "hot" } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => TestServices.Create(handler).GetChatMessageContentsAsync(History(), settings));

        Assert.Contains("temperature", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetStreamingChatMessageContentsAsync_TypedSettings_SentWithStreamFlags()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        var settings = new DeepInfraPromptExecutionSettings { Temperature = 0.7, MinP = 0.1, TopK = 20, StopSequences = ["END"] };

        await TestServices.CollectAsync(TestServices.Create(handler).GetStreamingChatMessageContentsAsync(History(), settings));

        Assert.Equal(
            Head + ""","stream":true,"stream_options":{"include_usage":true},"temperature":0.7,"min_p":0.1,"top_k":20,"stop":["END"]}""",
            handler.Requests[0].Body);
    }

    private static ChatHistory History()
    {
        var history = new ChatHistory();
        history.AddUserMessage("Hi");
        return history;
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static void SetTyped(DeepInfraPromptExecutionSettings settings, string name, double value)
    {
        switch (name)
        {
            case "temperature": settings.Temperature = value; break;
            case "top_p": settings.TopP = value; break;
            case "min_p": settings.MinP = value; break;
            case "top_k": settings.TopK = (int)value; break;
            case "max_tokens": settings.MaxTokens = (int)value; break;
            case "presence_penalty": settings.PresencePenalty = value; break;
            case "frequency_penalty": settings.FrequencyPenalty = value; break;
            case "repetition_penalty": settings.RepetitionPenalty = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "Not a ranged setting.");
        }
    }

    private sealed record Person(string Name, int Age);
}
