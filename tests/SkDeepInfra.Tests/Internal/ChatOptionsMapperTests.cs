namespace SkDeepInfra.Internal;

public sealed class ChatOptionsMapperTests
{
    [Fact]
    public async Task Apply_EmptyOptions_SendsOnlyModelAndMessages()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        await client.GetResponseAsync("Hi", new ChatOptions());

        Assert.Equal("""{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Hi"}]}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Apply_ModelId_OverridesDefaultModel()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { ModelId = "deepseek-ai/DeepSeek-R1" });

        Assert.Equal("deepseek-ai/DeepSeek-R1", sent.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Apply_TypedOptions_WritesEachWireMember()
    {
        var options = new ChatOptions
        {
            Temperature = 0.7f,
            TopP = 0.9f,
            TopK = 40,
            MaxOutputTokens = 256,
            PresencePenalty = 0.5f,
            FrequencyPenalty = -0.25f,
            Seed = 42,
            StopSequences = ["END", "STOP"],
        };

        JsonElement sent = await SentRequests.CaptureAsync(options);

        SentRequests.Equal(
            """
            {"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Hi"}],
             "temperature":0.7,"top_p":0.9,"top_k":40,"max_tokens":256,"presence_penalty":0.5,"frequency_penalty":-0.25,
             "seed":42,"stop":["END","STOP"]}
            """,
            sent);
    }

    [Theory]
    [InlineData(0.7f, "0.7")]
    [InlineData(0.1f, "0.1")]
    [InlineData(0.3f, "0.3")]
    [InlineData(1.15f, "1.15")]
    public async Task Apply_FloatTemperature_WrittenAsShortDecimal(float temperature, string expected)
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Temperature = temperature });

        Assert.Equal(expected, sent.GetProperty("temperature").GetRawText());
    }

    [Theory]
    [InlineData(1e30f)]
    [InlineData(-3.4e38f)]
    [InlineData(float.PositiveInfinity)]
    public void Apply_FloatBeyondDecimal_ThrowsArgumentOutOfRangeNotOverflow(float temperature)
    {
        using DeepInfraChatClient client = TestClients.Create(new RecordingHandler());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.GetResponseAsync("Hi", new ChatOptions { Temperature = temperature }); });
        var additional = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            _ = client.GetResponseAsync("Hi", new ChatOptions { AdditionalProperties = new() { [DeepInfraPropertyNames.MinP] = temperature } });
        });

        Assert.Equal("temperature", error.ParamName);
        Assert.Equal("min_p", additional.ParamName);
    }

    [Fact]
    public async Task Apply_JsonResponseFormat_SendsJsonObject()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        SentRequests.Equal("""{"type":"json_object"}""", sent.GetProperty("response_format"));
    }

    [Fact]
    public async Task Apply_JsonSchemaResponseFormat_SendsNameAndSchema()
    {
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "place") });

        SentRequests.Equal(
            """{"type":"json_schema","json_schema":{"name":"place","schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""",
            sent.GetProperty("response_format"));
    }

    [Fact]
    public async Task Apply_TextResponseFormat_OmitsResponseFormat()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Text });

        Assert.False(sent.TryGetProperty("response_format", out _));
    }

    [Theory]
    [InlineData(ReasoningEffort.None, "none")]
    [InlineData(ReasoningEffort.Low, "low")]
    [InlineData(ReasoningEffort.Medium, "medium")]
    [InlineData(ReasoningEffort.High, "high")]
    [InlineData(ReasoningEffort.ExtraHigh, "high")]
    public async Task Apply_Reasoning_SendsReasoningEffort(ReasoningEffort effort, string expected)
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });

        Assert.Equal(expected, sent.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public async Task Apply_ProviderKeys_WrittenTyped()
    {
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                [DeepInfraPropertyNames.MinP] = 0.05f,
                [DeepInfraPropertyNames.RepetitionPenalty] = "1.1",
                [DeepInfraPropertyNames.ReasoningEffort] = "high",
                [DeepInfraPropertyNames.User] = "user-hash-1",
            },
        };

        JsonElement sent = await SentRequests.CaptureAsync(options);

        Assert.Equal("0.05", sent.GetProperty("min_p").GetRawText());
        Assert.Equal("1.1", sent.GetProperty("repetition_penalty").GetRawText());
        Assert.Equal("\"high\"", sent.GetProperty("reasoning_effort").GetRawText());
        Assert.Equal("\"user-hash-1\"", sent.GetProperty("user").GetRawText());
    }

    [Fact]
    public async Task Apply_ProviderKeysAsJsonElements_WrittenTyped()
    {
        JsonElement values = JsonDocument.Parse("""{"min_p":0.2,"top_k":7,"stop":["x"]}""").RootElement;
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                ["min_p"] = values.GetProperty("min_p"),
                ["top_k"] = values.GetProperty("top_k"),
                ["stop"] = values.GetProperty("stop"),
            },
        };

        JsonElement sent = await SentRequests.CaptureAsync(options);

        Assert.Equal("0.2", sent.GetProperty("min_p").GetRawText());
        Assert.Equal("7", sent.GetProperty("top_k").GetRawText());
        SentRequests.Equal("""["x"]""", sent.GetProperty("stop"));
    }

    [Fact]
    public async Task Apply_ProviderKeyOfWrongType_ThrowsArgumentException()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        var options = new ChatOptions { AdditionalProperties = new() { [DeepInfraPropertyNames.MinP] = "a lot" } };

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("Hi", options));

        Assert.Contains("min_p", ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Apply_UnknownKeys_PassThroughByName()
    {
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                ["logprobs"] = true,
                ["n"] = 1,
                ["response_prefix"] = "Sure,",
                ["logit_bias"] = new Dictionary<string, int> { ["50256"] = -100 },
            },
        };

        JsonElement sent = await SentRequests.CaptureAsync(options);

        Assert.Equal("true", sent.GetProperty("logprobs").GetRawText());
        Assert.Equal("1", sent.GetProperty("n").GetRawText());
        Assert.Equal("Sure,", sent.GetProperty("response_prefix").GetString());
        SentRequests.Equal("""{"50256":-100}""", sent.GetProperty("logit_bias"));
    }

    [Theory]
    [InlineData("temperature", "0.5")]
    [InlineData("top_p", "0.5")]
    [InlineData("top_k", "5")]
    [InlineData("max_tokens", "5")]
    [InlineData("presence_penalty", "0.5")]
    [InlineData("frequency_penalty", "0.5")]
    [InlineData("seed", "5")]
    [InlineData("stop", "[\"typed\"]")]
    [InlineData("reasoning_effort", "\"low\"")]
    public async Task Apply_TypedMemberAndSameKey_TypedMemberWins(string key, string expected)
    {
        var options = new ChatOptions();
        object additional;
        switch (key)
        {
            case "temperature": options.Temperature = 0.5f; additional = 1.5; break;
            case "top_p": options.TopP = 0.5f; additional = 0.25; break;
            case "top_k": options.TopK = 5; additional = 50; break;
            case "max_tokens": options.MaxOutputTokens = 5; additional = 50; break;
            case "presence_penalty": options.PresencePenalty = 0.5f; additional = 1.5; break;
            case "frequency_penalty": options.FrequencyPenalty = 0.5f; additional = 1.5; break;
            case "seed": options.Seed = 5; additional = 50; break;
            case "stop": options.StopSequences = ["typed"]; additional = new[] { "additional" }; break;
            case "reasoning_effort": options.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low }; additional = "high"; break;
            default: throw new ArgumentOutOfRangeException(nameof(key));
        }

        options.AdditionalProperties = new() { [key] = additional };

        JsonElement sent = await SentRequests.CaptureAsync(options);

        Assert.Equal(expected, sent.GetProperty(key).GetRawText());
    }

    [Theory]
    [InlineData("temperature", 1.25, "1.25")]
    [InlineData("top_k", 12, "12")]
    [InlineData("max_tokens", 100, "100")]
    [InlineData("seed", 7, "7")]
    public async Task Apply_KeyWithoutTypedMember_UsesKey(string key, object value, string expected)
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { AdditionalProperties = new() { [key] = value } });

        Assert.Equal(expected, sent.GetProperty(key).GetRawText());
    }

    [Theory]
    [InlineData("model")]
    [InlineData("messages")]
    [InlineData("stream")]
    [InlineData("stream_options")]
    [InlineData("tools")]
    [InlineData("tool_choice")]
    [InlineData("response_format")]
    [InlineData("parallel_tool_calls")]
    public async Task Apply_ReservedKey_ThrowsArgumentException(string key)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        var options = new ChatOptions { AdditionalProperties = new() { [key] = "x" } };

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("Hi", options));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Apply_NullProviderKeys_OmittedFromBody()
    {
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                [DeepInfraPropertyNames.MinP] = null,
                [DeepInfraPropertyNames.User] = null,
                ["custom"] = null,
                ["custom_json_null"] = JsonDocument.Parse("null").RootElement,
            },
        };

        JsonElement sent = await SentRequests.CaptureAsync(options);

        SentRequests.NoNulls(sent);
        Assert.Equal(["model", "messages"], SentRequests.MemberNames(sent));
    }
}
