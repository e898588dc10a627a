using System.Net.Http.Headers;

namespace SkDeepInfra;

public sealed class DeepInfraChatClientStreamingTests
{
    [Fact]
    public async Task GetStreamingResponseAsync_RecordedStream_YieldsTextWithoutEndMarkerAndFinishReason()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("Hello!").ToListAsync();

        Assert.Equal([" ", " Hi", "!"], updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        Assert.DoesNotContain(updates, u => u.Text.Contains("</s>", StringComparison.Ordinal));
        ChatResponseUpdate last = updates[^1];
        Assert.Equal(ChatFinishReason.Stop, last.FinishReason);
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(updates, u => Assert.Equal("Rc5hsIPHOSfMP3rNSFUw9tfR", u.ResponseId));
        Assert.All(updates, u => Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", u.ModelId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1694623354), updates[0].CreatedAt);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EnumeratedTwice_SendsTheSameRequestTwice()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);
        IAsyncEnumerable<ChatResponseUpdate> stream = client.GetStreamingResponseAsync("Hello!");

        ChatResponse first = (await stream.ToListAsync()).ToChatResponse();
        ChatResponse second = (await stream.ToListAsync()).ToChatResponse();

        Assert.Equal("  Hi!", first.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Request_AsksForStreamAndUsage()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        await client.GetStreamingResponseAsync("Hello!", new ChatOptions { Temperature = 0.5f }).ToListAsync();

        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal(
            """{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Hello!"}],"stream":true,"stream_options":{"include_usage":true},"temperature":0.5}""",
            sent.Body);
        Assert.Contains(sent.Headers.Accept, a => a.MediaType == "text/event-stream");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MarkerSplitAcrossChunks_NeverReachesText()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-marker-split-usage.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("Capital of France?").ToListAsync();

        Assert.Equal("Paris is the capital.", string.Concat(updates.Select(u => u.Text)));
        Assert.DoesNotContain(updates, u => u.Text.Contains('<', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "a <b", "> c" }, "a <b> c")]
    [InlineData(new[] { "x </", "s>" }, "x ")]
    [InlineData(new[] { "<", "|eot_id|>" }, "")]
    [InlineData(new[] { "{\"name\":\"f\"}<|eo", "m_id|>" }, "{\"name\":\"f\"}")]
    [InlineData(new[] { "done<|end_of_", "text|>" }, "done")]
    [InlineData(new[] { "1 < 2", " and 3 > 2" }, "1 < 2 and 3 > 2")]
    [InlineData(new[] { "ends with <" }, "ends with <")]
    [InlineData(new[] { "Use <s>old</", "s> new" }, "Use <s>old</s> new")]
    [InlineData(new[] { "Strike: <", "s>old</s>" }, "Strike: <s>old</s>")]
    [InlineData(new[] { "Strike: <s>old</s>", "</s>" }, "Strike: <s>old</s>")]
    [InlineData(new[] { "the token <|eot_", "id|> ends a turn" }, "the token <|eot_id|> ends a turn")]
    [InlineData(new[] { "the token <|eot_id|>", " ends a turn" }, "the token <|eot_id|> ends a turn")]
    [InlineData(new[] { "Hi</s>", "\n", "more" }, "Hi</s>\nmore")]
    public async Task GetStreamingResponseAsync_TextAroundAngleBrackets_OnlyMarkersRemoved(string[] pieces, string expected)
    {
        string sse = Canned.Sse(pieces.Select(p => Canned.Chunk(p)).Append(Canned.Chunk(finishReason: "stop")));
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal(expected, string.Concat(updates.Select(u => u.Text)));
    }

    [Theory]
    [InlineData("Qwen/Qwen3-32B", new[] { "Hi<|im_", "end|>" }, "Hi")]
    [InlineData("Qwen/Qwen3-32B", new[] { "the token <|im_", "end|> ends a turn" }, "the token <|im_end|> ends a turn")]
    [InlineData("google/gemma-3-27b-it", new[] { "Hi<end_of_", "turn>", "\n<eos>" }, "Hi")]
    [InlineData("deepseek-ai/DeepSeek-V3", new[] { "Hi<｜end▁of", "▁sentence｜>" }, "Hi")]
    [InlineData("openai/gpt-oss-20b", new[] { "Hi<|ret", "urn|>" }, "Hi")]
    [InlineData("microsoft/phi-4", new[] { "Hi<|end", "|>" }, "Hi")]
    [InlineData("mistralai/Mistral-Small-24B-Instruct-2501", new[] { "Hi</", "s>" }, "Hi")]
    public async Task GetStreamingResponseAsync_FamilyEndMarkerSplit_Removed(string model, string[] pieces, string expected)
    {
        string sse = Canned.Sse(pieces.Select(p => Canned.Chunk(p)).Append(Canned.Chunk(finishReason: "stop")));
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler, model: model);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal(expected, string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MarkerThenText_HeldOnlyUntilTextFollows()
    {
        string sse = Canned.Sse([Canned.Chunk("The token <|im_end|>"), Canned.Chunk(" ends a turn."), Canned.Chunk(finishReason: "stop")]);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler, model: "Qwen/Qwen2.5-72B-Instruct");

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal(["The token ", "<|im_end|> ends a turn."], updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageInTrailingChunk_YieldsUsageContentAndCost()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-marker-split-usage.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        ChatResponseUpdate usageUpdate = Assert.Single(updates, u => u.Contents.OfType<UsageContent>().Any());
        UsageContent usage = usageUpdate.Contents.OfType<UsageContent>().Single();
        Assert.Equal(12, usage.Details.InputTokenCount);
        Assert.Equal(5, usage.Details.OutputTokenCount);
        Assert.Equal(17, usage.Details.TotalTokenCount);
        Assert.Equal(0.0000017, usageUpdate.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]);

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal(17, response.Usage!.TotalTokenCount);
        Assert.Equal(0.0000017, response.Messages.Single().AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageOnFinishChunk_YieldsOneUpdateWithFinishAndUsage()
    {
        string sse = Canned.Sse([Canned.Chunk("Hi"), Canned.Chunk("</s>"), Canned.Chunk(finishReason: "stop", usage: Canned.DefaultUsage)]);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        ChatResponseUpdate last = updates[^1];
        Assert.Equal(ChatFinishReason.Stop, last.FinishReason);
        Assert.Equal(31, last.Contents.OfType<UsageContent>().Single().Details.TotalTokenCount);
        Assert.Equal(0.0000268, last.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]);
        Assert.Equal("Hi", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallFragments_EmittedOnceCompleteInIndexOrder()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-tool-calls.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("Weather and time in Paris?").ToListAsync();

        ChatResponseUpdate withCalls = Assert.Single(updates, u => u.Contents.OfType<FunctionCallContent>().Any());
        Assert.Equal(ChatFinishReason.ToolCalls, withCalls.FinishReason);
        FunctionCallContent[] calls = withCalls.Contents.OfType<FunctionCallContent>().ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Equal(("call_weather_1", "get_weather"), (calls[0].CallId, calls[0].Name));
        Assert.Equal("Paris", calls[0].Arguments!["city"]!.ToString());
        Assert.Null(calls[0].Exception);
        Assert.Equal(("call_time_2", "get_time"), (calls[1].CallId, calls[1].Name));
        Assert.Equal("CET", calls[1].Arguments!["zone"]!.ToString());
        Assert.Equal(string.Empty, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(0.00010626, withCalls.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallWithoutIdAndInvalidArguments_GeneratesIdAndSetsException()
    {
        string sse = Canned.Sse(
        [
            Canned.Chunk(extraDelta: "\"tool_calls\":[{\"index\":0,\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\": \"}}]"),
            Canned.Chunk(extraDelta: "\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"oops\"}}]"),
            Canned.Chunk(finishReason: "tool_calls"),
        ]);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        FunctionCallContent call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("lookup", call.Name);
        Assert.StartsWith("call_", call.CallId, StringComparison.Ordinal);
        Assert.NotNull(call.Exception);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallWithoutName_ThrowsDeepInfraException()
    {
        string sse = Canned.Sse(
        [
            Canned.Chunk(extraDelta: "\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":{\"arguments\":\"{}\"}}]"),
            Canned.Chunk(finishReason: "tool_calls"),
        ]);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());

        Assert.Contains("no function name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ReasoningDeltas_YieldTextReasoningContent()
    {
        string sse = Canned.Sse(
        [
            Canned.Chunk(extraDelta: "\"reasoning_content\":\"Think \""),
            Canned.Chunk(extraDelta: "\"reasoning_content\":\"hard.\""),
            Canned.Chunk("42"),
            Canned.Chunk(finishReason: "stop"),
        ]);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal("Think hard.", string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("42", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorFrameInsideStream_ThrowsAfterYieldingEarlierText()
    {
        string sse = Canned.Sse([Canned.Chunk("Hel"), """{"error":{"message":"Model is overloaded","code":503}}"""], done: false);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);
        var received = new List<string>();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(["Hel"], received);
        Assert.Equal("Model is overloaded", error.ProviderMessage);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("""{"error":"Internal failure"}""", "Internal failure")]
    [InlineData("""{"error":{"message":"Rate limited","type":"rate_limit"}}""", "Rate limited")]
    public async Task GetStreamingResponseAsync_ErrorFrameShapes_CarryProviderMessage(string frame, string expected)
    {
        var handler = new RecordingHandler().ReplySse(Canned.Sse([frame]));
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());

        Assert.Equal(expected, error.ProviderMessage);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamEndsBeforeFinishChunk_ThrowsAfterYieldingText()
    {
        string sse = Canned.Sse([Canned.Chunk("Partial"), Canned.Chunk(" answ")], done: false);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);
        var received = new List<string>();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal("Partial answ", string.Concat(received));
        Assert.Contains("ended early", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FinishChunkWithoutDone_Completes()
    {
        string sse = Canned.Sse([Canned.Chunk("Done"), Canned.Chunk(finishReason: "length")], done: false);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EventThatIsNotJson_ThrowsDeepInfraException()
    {
        var handler = new RecordingHandler().ReplySse(Canned.Sse([Canned.Chunk("ok"), "{\"id\": \"x\", \"choices\": [ {"]));
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());

        Assert.Contains("not a chat completion chunk", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"choices\"", error.ResponseContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_WrongTypesInChunk_ThrowsDeepInfraException()
    {
        var handler = new RecordingHandler().ReplySse(Canned.Sse(["""{"id":"x","choices":[{"index":0,"delta":{"content":42}}]}"""]));
        using DeepInfraChatClient client = TestClients.Create(handler);

        await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CommentsEmptyEventsCrlfAndNoSpaceAfterData_AreTolerated()
    {
        string sse =
            ": keep-alive\r\n\r\n" +
            "data:" + Canned.Chunk("A") + "\r\n\r\n" +
            "data: \r\n\r\n" +
            "data: " + Canned.Chunk("B") + "\r\n\r\n" +
            "data: " + Canned.Chunk(finishReason: "stop") + "\r\n\r\n" +
            "data: [DONE]\r\n\r\n";
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal("AB", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EachEvent_YieldedBeforeTheNextArrives()
    {
        var body = new ScriptedStream();
        var handler = new RecordingHandler().Reply(_ => StreamResponse(body));
        using DeepInfraChatClient client = TestClients.Create(handler);

        await using IAsyncEnumerator<ChatResponseUpdate> updates = client.GetStreamingResponseAsync("q").GetAsyncEnumerator();
        body.Write("data: " + Canned.Chunk("first") + "\n\n");
        Assert.True(await updates.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("first", updates.Current.Text);

        body.Write("data: " + Canned.Chunk("second") + "\n\n");
        Assert.True(await updates.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("second", updates.Current.Text);

        body.Write("data: " + Canned.Chunk(finishReason: "stop") + "\n\ndata: [DONE]\n\n");
        body.End();
        Assert.True(await updates.MoveNextAsync());
        Assert.False(await updates.MoveNextAsync());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledMidStream_ThrowsOperationCanceledUnwrapped()
    {
        var body = new ScriptedStream();
        var handler = new RecordingHandler().Reply(_ => StreamResponse(body));
        using DeepInfraChatClient client = TestClients.Create(handler);
        using var cts = new CancellationTokenSource();

        await using IAsyncEnumerator<ChatResponseUpdate> updates = client.GetStreamingResponseAsync("q", cancellationToken: cts.Token).GetAsyncEnumerator();
        body.Write("data: " + Canned.Chunk("first") + "\n\n");
        Assert.True(await updates.MoveNextAsync());

        ValueTask<bool> pending = updates.MoveNextAsync();
        cts.Cancel();

        Exception error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsNotType<DeepInfraException>(error);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConnectionCutMidStream_ThrowsDeepInfraExceptionAndDoesNotRetry()
    {
        var body = new ScriptedStream();
        var handler = new RecordingHandler().Reply(_ => StreamResponse(body));
        using DeepInfraChatClient client = TestClients.Create(handler);

        await using IAsyncEnumerator<ChatResponseUpdate> updates = client.GetStreamingResponseAsync("q").GetAsyncEnumerator();
        body.Write("data: " + Canned.Chunk("first") + "\n\n");
        Assert.True(await updates.MoveNextAsync());
        body.Fail(new IOException("connection reset"));

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => updates.MoveNextAsync().AsTask());

        Assert.IsType<IOException>(error.InnerException);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StoppedEarly_DisposesResponseStream()
    {
        var body = new ScriptedStream();
        var handler = new RecordingHandler().Reply(_ => StreamResponse(body));
        using DeepInfraChatClient client = TestClients.Create(handler);
        body.Write("data: " + Canned.Chunk("first") + "\n\n");

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
        {
            Assert.Equal("first", update.Text);
            break;
        }

        Assert.True(body.Disposed);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ServerBusyBeforeStream_RetriesThenStreams()
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable)
            .ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler, delays: delays);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal("  Hi!", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Single(delays);
    }

    [Fact]
    public void GetStreamingResponseAsync_OutOfRangeOption_ThrowsAtCallBeforeSending()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            client.GetStreamingResponseAsync("q", new ChatOptions { Temperature = 2.5f }));

        Assert.Equal("temperature", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("""{"id":"x","choices":[null]}""")]
    [InlineData("""{"id":"x","choices":[{"index":0,"delta":{"tool_calls":[null]}}]}""")]
    [InlineData("""{"id":"x","choices":"nope"}""")]
    [InlineData("""[1,2,3]""")]
    public async Task GetStreamingResponseAsync_NullsAndWrongShapes_ThrowDeepInfraException(string chunk)
    {
        var handler = new RecordingHandler().ReplySse(Canned.Sse([chunk]));
        using DeepInfraChatClient client = TestClients.Create(handler);

        await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorFrameEchoingKey_MasksKey()
    {
        string frame = "{\"error\":{\"message\":\"bad key " + TestClients.ApiKey + "\"}}";
        var handler = new RecordingHandler().ReplySse(Canned.Sse([Canned.Chunk("a"), frame], done: false));
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetStreamingResponseAsync("q").ToListAsync().AsTask());

        Assert.DoesNotContain(TestClients.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.ProviderMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.ResponseContent ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    private static HttpResponseMessage StreamResponse(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
