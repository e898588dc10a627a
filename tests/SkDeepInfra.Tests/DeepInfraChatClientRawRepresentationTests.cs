using System.Text.Json.Nodes;

namespace SkDeepInfra;

/// <summary>
/// Microsoft.Extensions.AI's raw-representation conventions: what comes back carries the reply (and, when asked for, each
/// stream chunk) as a <see cref="JsonElement"/>, and a <see cref="JsonObject"/> from <see cref="ChatOptions.RawRepresentationFactory"/> is merged into the body.
/// </summary>
public sealed class DeepInfraChatClientRawRepresentationTests
{
    [Fact]
    public async Task GetResponseAsync_Reply_RawRepresentationIsTheReplyJson()
    {
        string reply = Canned.Completion("Hi there");
        var handler = new RecordingHandler().ReplyJson(reply);
        using DeepInfraChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("q");

        JsonElement raw = Assert.IsType<JsonElement>(response.RawRepresentation);
        Assert.Equal(reply, raw.GetRawText());
        Assert.Equal("Hi there", raw.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(reply, Assert.IsType<JsonElement>(Assert.Single(response.Messages).RawRepresentation).GetRawText());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EachUpdate_RawRepresentationIsItsChunk()
    {
        string[] chunks = [Canned.Chunk("Hel"), Canned.Chunk("lo"), Canned.Chunk(finishReason: "stop", usage: Canned.DefaultUsage)];
        var handler = new RecordingHandler().ReplySse(Canned.Sse(chunks));
        using DeepInfraChatClient client = WithRawChunks(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal(chunks, updates.Select(u => Assert.IsType<JsonElement>(u.RawRepresentation).GetRawText()));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ByDefault_UpdatesCarryNoRawRepresentation()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Null(u.RawRepresentation));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ChunksReadWithReusedObjects_RawRepresentationsStayDistinct()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-tool-calls.sse"));
        using DeepInfraChatClient client = WithRawChunks(handler);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        ChatResponseUpdate calls = Assert.Single(updates, u => u.Contents.OfType<FunctionCallContent>().Any());
        JsonElement raw = Assert.IsType<JsonElement>(calls.RawRepresentation);
        Assert.Equal("tool_calls", raw.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_RawRepresentationFactory_RawValuesWinMappedValuesFillTheRest()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        var options = new ChatOptions
        {
            Temperature = 0.5f,
            MaxOutputTokens = 100,
            RawRepresentationFactory = _ => new JsonObject
            {
                ["temperature"] = 0.9,
                ["chat_template_kwargs"] = new JsonObject { ["enable_thinking"] = false },
                ["messages"] = new JsonArray(), // the call's own: ignored
                ["stream"] = true, // the call's own: ignored
            },
        };

        await client.GetResponseAsync("q", options);

        JsonElement sent = Assert.Single(handler.Requests).Json;
        Assert.Equal(0.9, sent.GetProperty("temperature").GetDouble());
        Assert.Equal(100, sent.GetProperty("max_tokens").GetInt32());
        Assert.False(sent.GetProperty("chat_template_kwargs").GetProperty("enable_thinking").GetBoolean());
        Assert.Equal("q", sent.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.False(sent.TryGetProperty("stream", out _));
        Assert.Equal(["model", "messages", "temperature", "max_tokens", "chat_template_kwargs"], sent.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_RawRepresentationFactory_MergedOnEveryEnumeration()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);
        IChatClient? seen = null;
        var options = new ChatOptions
        {
            RawRepresentationFactory = c =>
            {
                seen = c;
                return new JsonObject { ["stream_options"] = new JsonObject { ["include_usage"] = true, ["continuous_usage_stats"] = true }, ["stream"] = false };
            },
        };
        IAsyncEnumerable<ChatResponseUpdate> stream = client.GetStreamingResponseAsync("q", options);

        await stream.ToListAsync();
        await stream.ToListAsync();

        Assert.Same(client, seen);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.True(r.Json.GetProperty("stream").GetBoolean());
            Assert.True(r.Json.GetProperty("stream_options").GetProperty("continuous_usage_stats").GetBoolean());
        });
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    [Fact]
    public async Task GetResponseAsync_RawRepresentationFactoryOfAnotherType_Ignored()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion()).ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        await client.GetResponseAsync("q", new ChatOptions { Temperature = 0.5f });
        await client.GetResponseAsync("q", new ChatOptions { Temperature = 0.5f, RawRepresentationFactory = _ => "not a JsonObject" });

        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    private static DeepInfraChatClient WithRawChunks(RecordingHandler handler) => new(
        Canned.Model,
        new DeepInfraClientOptions { ApiKey = TestClients.ApiKey, Endpoint = new Uri("https://deepinfra.test/v1/openai/"), StreamingRawRepresentation = true },
        new HttpClient(handler));
}
