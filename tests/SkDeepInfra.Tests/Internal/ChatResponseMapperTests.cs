namespace SkDeepInfra.Internal;

public sealed class ChatResponseMapperTests
{
    private const string ToolCallMessageStart = """{"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[""";
    private const string ToolCallMessageEnd = """]},"finish_reason":"tool_calls"}]}""";

    [Fact]
    public async Task FromWireResponse_TextReply_MapsTextAndMetadata()
    {
        ChatResponse response = await ReplyAsync(Canned.Completion("Hello there!"));

        ChatMessage message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        TextContent text = Assert.IsType<TextContent>(Assert.Single(message.Contents));
        Assert.Equal("Hello there!", text.Text);
        Assert.Equal("chatcmpl-1", response.ResponseId);
        Assert.Equal("chatcmpl-1", message.MessageId);
        Assert.Equal(Canned.Model, response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1694623155), response.CreatedAt);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("length")]
    [InlineData("tool_calls")]
    [InlineData("content_filter")]
    public async Task FromWireResponse_KnownFinishReason_MapsToWellKnownValue(string finishReason)
    {
        ChatFinishReason expected = finishReason switch
        {
            "stop" => ChatFinishReason.Stop,
            "length" => ChatFinishReason.Length,
            "tool_calls" => ChatFinishReason.ToolCalls,
            _ => ChatFinishReason.ContentFilter,
        };

        ChatResponse response = await ReplyAsync(Canned.Completion("x", finishReason));

        Assert.Equal(expected, response.FinishReason);
    }

    [Fact]
    public async Task FromWireResponse_UnknownFinishReason_KeptAsIs()
    {
        ChatResponse response = await ReplyAsync(Canned.Completion("x", "weird"));

        Assert.Equal(new ChatFinishReason("weird"), response.FinishReason);
    }

    [Fact]
    public async Task FromWireResponse_Usage_MapsTokenCounts()
    {
        const string Usage = """{"prompt_tokens":15,"completion_tokens":16,"total_tokens":31,"estimated_cost":0.0000268,"completion_tokens_details":{"reasoning_tokens":9},"prompt_tokens_details":{"cached_tokens":4}}""";

        ChatResponse response = await ReplyAsync(Canned.Completion("x", usage: Usage));

        Assert.NotNull(response.Usage);
        Assert.Equal(15, response.Usage.InputTokenCount);
        Assert.Equal(16, response.Usage.OutputTokenCount);
        Assert.Equal(31, response.Usage.TotalTokenCount);
        Assert.Equal(9, response.Usage.ReasoningTokenCount);
        Assert.Equal(4, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task FromWireResponse_UsageWithoutTotal_ComputesTotal()
    {
        ChatResponse response = await ReplyAsync(Canned.Completion("x", usage: """{"prompt_tokens":10,"completion_tokens":5}"""));

        Assert.Equal(15, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task FromWireResponse_EstimatedCost_InAdditionalPropertiesAsDouble()
    {
        ChatResponse response = await ReplyAsync(Canned.Completion("x", usage: """{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"estimated_cost":0.00035493}"""));

        object? cost = response.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost];
        Assert.IsType<double>(cost);
        Assert.Equal(0.00035493, (double)cost!);
    }

    [Fact]
    public async Task FromWireResponse_NoUsage_LeavesUsageAndCostUnset()
    {
        ChatResponse response = await ReplyAsync(Canned.Completion("x", usage: null));

        Assert.Null(response.Usage);
        Assert.Null(response.AdditionalProperties);
    }

    [Fact]
    public async Task FromWireResponse_ReasoningContent_MapsTextReasoningContentBeforeText()
    {
        const string Body = """{"id":"r","model":"m","created":1,"choices":[{"index":0,"message":{"role":"assistant","reasoning_content":"Two plus two is four.","content":"4"},"finish_reason":"stop"}]}""";

        ChatResponse response = await ReplyAsync(Body);

        IList<AIContent> contents = Assert.Single(response.Messages).Contents;
        Assert.Equal(2, contents.Count);
        Assert.Equal("Two plus two is four.", Assert.IsType<TextReasoningContent>(contents[0]).Text);
        Assert.Equal("4", Assert.IsType<TextContent>(contents[1]).Text);
        Assert.Equal("4", response.Text);
    }

    [Fact]
    public async Task FromWireResponse_ToolCalls_MapsFunctionCallContentWithParsedArguments()
    {
        string body = Canned.ToolCallCompletion(("call_a", "get_weather", """{"city":"Paris","days":3}"""), ("call_b", "get_time", "{}"));

        ChatResponse response = await ReplyAsync(body);

        FunctionCallContent[] calls = [.. Assert.Single(response.Messages).Contents.Cast<FunctionCallContent>()];
        Assert.Equal(2, calls.Length);
        Assert.Equal("call_a", calls[0].CallId);
        Assert.Equal("get_weather", calls[0].Name);
        Assert.Null(calls[0].Exception);
        Assert.Equal("Paris", calls[0].Arguments!["city"]?.ToString());
        Assert.Equal("3", calls[0].Arguments!["days"]?.ToString());
        Assert.Equal("call_b", calls[1].CallId);
        Assert.Empty(calls[1].Arguments!);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(string.Empty, response.Text);
    }

    [Theory]
    [InlineData("{\"city\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task FromWireResponse_InvalidArguments_SetsExceptionWithoutThrowing(string arguments)
    {
        ChatResponse response = await ReplyAsync(Canned.ToolCallCompletion(("call_a", "get_weather", arguments)));

        FunctionCallContent call = Assert.IsType<FunctionCallContent>(Assert.Single(Assert.Single(response.Messages).Contents));
        Assert.Equal("get_weather", call.Name);
        Assert.NotNull(call.Exception);
    }

    [Theory]
    [InlineData("{\"city\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task InvalidArguments_SentBackInHistory_AsTheModelWroteThem(string arguments)
    {
        var handler = new RecordingHandler()
            .ReplyJson(Canned.ToolCallCompletion(("call_a", "get_weather", arguments)))
            .ReplyJson(Canned.Completion("ok"));
        using DeepInfraChatClient client = TestClients.Create(handler);
        List<ChatMessage> history = [new(ChatRole.User, "Weather?")];

        ChatResponse first = await client.GetResponseAsync(history);
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_a", "Error: the arguments are not valid JSON.")]));
        await client.GetResponseAsync(history);

        JsonElement sent = handler.Requests[1].Json.GetProperty("messages")[1].GetProperty("tool_calls")[0].GetProperty("function");
        Assert.Equal(arguments, sent.GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task FromWireResponse_MissingToolCallIds_GeneratesDistinctIds()
    {
        const string Body = ToolCallMessageStart +
            """{"type":"function","function":{"name":"a","arguments":"{}"}},{"id":"","type":"function","function":{"name":"b","arguments":"{}"}}""" +
            ToolCallMessageEnd;

        ChatResponse response = await ReplyAsync(Body);

        FunctionCallContent[] calls = [.. Assert.Single(response.Messages).Contents.Cast<FunctionCallContent>()];
        Assert.Equal(2, calls.Length);
        Assert.All(calls, c => Assert.False(string.IsNullOrWhiteSpace(c.CallId)));
        Assert.NotEqual(calls[0].CallId, calls[1].CallId);
    }

    [Theory]
    [InlineData("Hi!</s>", "Hi!")]
    [InlineData("Hi!<|eot_id|>", "Hi!")]
    [InlineData("Hi!<|eot_id|></s>", "Hi!")]
    [InlineData("<|python_tag|>{\"name\":\"f\"}<|eom_id|>", "<|python_tag|>{\"name\":\"f\"}")]
    [InlineData("a < b", "a < b")]
    [InlineData("Hi!</s>\n", "Hi!")]
    [InlineData("Hi! </s>", "Hi! ")]
    public async Task FromWireResponse_EndOfSequenceMarkers_Stripped(string content, string expected)
    {
        ChatResponse response = await ReplyAsync(Canned.Completion(content));

        Assert.Equal(expected, response.Text);
    }

    [Theory]
    [InlineData("Qwen/Qwen2.5-72B-Instruct", "Qwen says hi<|im_end|>", "Qwen says hi")]
    [InlineData("google/gemma-3-27b-it", "Gemma says hi<end_of_turn>\n<eos>", "Gemma says hi")]
    [InlineData("deepseek-ai/DeepSeek-V3-0324", "DeepSeek says hi<｜end▁of▁sentence｜>", "DeepSeek says hi")]
    [InlineData("microsoft/phi-4", "Phi says hi<|end|>", "Phi says hi")]
    [InlineData("openai/gpt-oss-120b", "gpt-oss says hi<|return|>", "gpt-oss says hi")]
    [InlineData("mistralai/Mistral-Small-24B-Instruct-2501", "Mistral says hi</s>", "Mistral says hi")]
    [InlineData("meta-llama/Llama-4-Scout-17B-16E-Instruct", "Llama 4 says hi<|eot|>", "Llama 4 says hi")]
    [InlineData("some/unknown-model", "Anyone says hi<|im_end|>", "Anyone says hi")]
    [InlineData("meta-llama/Meta-Llama-3.1-8B-Instruct", "Llama keeps <end_of_turn>", "Llama keeps <end_of_turn>")]
    public async Task FromWireResponse_FamilyEndMarkers_Stripped(string model, string content, string expected)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion(content));
        using DeepInfraChatClient client = TestClients.Create(handler, model: model);

        ChatResponse response = await client.GetResponseAsync("Hi");

        Assert.Equal(expected, response.Text);
    }

    [Theory]
    [InlineData("Use <s>old</s> new to strike a word.")]
    [InlineData("In ChatML the token <|im_end|> ends a turn.")]
    [InlineData("Llama ends with </s> and <|eot_id|>, then the next turn starts.")]
    [InlineData("Strike it: <s>old</s>")]
    [InlineData("<|eot_id|>x")]
    public async Task FromWireResponse_MarkerInsideProse_KeptAsText(string content)
    {
        ChatResponse response = await ReplyAsync(Canned.Completion(content));

        Assert.Equal(content, response.Text);
    }

    [Fact]
    public async Task FromWireResponse_HtmlStrikeThenEndMarker_OnlyTheMarkerRemoved()
    {
        ChatResponse response = await ReplyAsync(Canned.Completion("Strike it: <s>old</s></s>"));

        Assert.Equal("Strike it: <s>old</s>", response.Text);
    }

    [Fact]
    public async Task FromWireResponse_OnlyEndMarker_NoTextContent()
    {
        ChatResponse response = await ReplyAsync(Canned.Completion("</s>"));

        Assert.Empty(Assert.Single(response.Messages).Contents);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "<!DOCTYPE html><html><body>Bad gateway</body></html>", "text/html" },
        { """{"choices":[]}""", "application/json" },
        { """{"id":"x"}""", "application/json" },
        { """{"choices":[{"index":0,"finish_reason":"stop"}]}""", "application/json" },
        { """{"choices":[{"index":0,"message":null}]}""", "application/json" },
        { """{"choices":"x"}""", "application/json" },
        { """{"choices":[null]}""", "application/json" },
        { """{"choices":[{"message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":"many"}}""", "application/json" },
        { """{"choices":[{"message":{"role":"assistant","content":5}}]}""", "application/json" },
        { """{"created":"yesterday","choices":[{"message":{"role":"assistant","content":"hi"}}]}""", "application/json" },
        { "", "application/json" },
        { "null", "application/json" },
        { "[]", "application/json" },
        { "{\"choices\":[{\"message\":{\"content\":\"hi\"", "application/json" },
        { ToolCallMessageStart + """{"id":"call_1","type":"function","function":{"arguments":"{}"}}""" + ToolCallMessageEnd, "application/json" },
        { ToolCallMessageStart + """{"id":"call_1","type":"function"}""" + ToolCallMessageEnd, "application/json" },
        { ToolCallMessageStart + "null" + ToolCallMessageEnd, "application/json" },
        { """{"choices":[{"message":{"tool_calls":"x"}}]}""", "application/json" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task GetResponseAsync_MalformedBody_ThrowsDeepInfraException(string body, string mediaType)
    {
        var handler = new RecordingHandler().ReplyText(body, mediaType);
        using DeepInfraChatClient client = TestClients.Create(handler);

        Exception? ex = await Record.ExceptionAsync(() => client.GetResponseAsync("Hi"));

        DeepInfraException error = Assert.IsType<DeepInfraException>(ex);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(body.Length == 0 ? null : body, error.ResponseContent);
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorObjectWith200_ThrowsWithProviderMessage()
    {
        const string Body = """{"error":{"message":"boom"}}""";
        var handler = new RecordingHandler().ReplyJson(Body);
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal("boom", ex.ProviderMessage);
        Assert.Equal(Body, ex.ResponseContent);
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorStringWith200_ThrowsWithProviderMessage()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":"model overloaded"}""");
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal("model overloaded", ex.ProviderMessage);
    }

    private static async Task<ChatResponse> ReplyAsync(string body)
    {
        var handler = new RecordingHandler().ReplyJson(body);
        using DeepInfraChatClient client = TestClients.Create(handler);
        return await client.GetResponseAsync("Hi");
    }
}
