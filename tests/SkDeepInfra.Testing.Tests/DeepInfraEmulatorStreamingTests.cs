using System.Diagnostics;
using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorStreamingTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_StreamWithDefaultQuirks_LooksLikeDeepInfra(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.Text("Hi there!"));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        List<string> payloads = await SseClient.ReadPayloadsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", payloads[^1]);
        List<JsonElement> chunks = SseClient.Chunks(payloads);
        Assert.Equal(5, chunks.Count);
        Assert.All(chunks, chunk =>
        {
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal(chunks[0].GetProperty("id").GetString(), chunk.GetProperty("id").GetString());
            Assert.Equal(EmulatorHarness.Model, chunk.GetProperty("model").GetString());
        });
        Assert.Equal(["Hi t", "here", "!", "</s>"], chunks.Take(4).Select(c => SseClient.Delta(c).GetProperty("content").GetString()));
        Assert.All(chunks.Take(4), chunk =>
        {
            JsonElement delta = SseClient.Delta(chunk);
            Assert.Equal("assistant", delta.GetProperty("role").GetString());
            Assert.Equal(JsonValueKind.Null, delta.GetProperty("tool_calls").ValueKind);
            Assert.Equal(JsonValueKind.Null, chunk.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        });
        JsonElement finish = chunks[^1].GetProperty("choices")[0];
        Assert.Equal("{}", finish.GetProperty("delta").GetRawText());
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
        Assert.True(chunks[^1].GetProperty("usage").GetProperty("estimated_cost").GetDecimal() > 0); // without stream_options, as recorded
        Assert.All(chunks.SkipLast(1), chunk => Assert.False(chunk.TryGetProperty("usage", out _)));
    }

    [Fact]
    public async Task ChatCompletions_StreamWithIncludeUsageFalse_NoUsage()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("Hi"));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(extra: "\"stream_options\":{\"include_usage\":false}"), HttpCompletionOption.ResponseHeadersRead);
        List<JsonElement> chunks = SseClient.Chunks(await SseClient.ReadPayloadsAsync(response));

        Assert.All(chunks, chunk => Assert.False(chunk.TryGetProperty("usage", out _)));
    }

    [Fact]
    public async Task ChatCompletions_StreamWithoutQuirks_LooksLikeOpenAI()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { Quirks = EmulatorStreamQuirks.None });
        harness.Emulator.Enqueue(EmulatorReply.Text("Hi there!"));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(includeUsage: true), HttpCompletionOption.ResponseHeadersRead);
        List<JsonElement> chunks = SseClient.Chunks(await SseClient.ReadPayloadsAsync(response));

        Assert.Equal(6, chunks.Count);
        Assert.Equal("""{"role":"assistant","content":""}""", SseClient.Delta(chunks[0]).GetRawText());
        Assert.Equal("""{"content":"Hi t"}""", SseClient.Delta(chunks[1]).GetRawText());
        Assert.Equal("Hi there!", SseClient.Content(chunks));
        Assert.Equal("stop", chunks[4].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.False(chunks[4].TryGetProperty("usage", out _));
        Assert.Equal(0, chunks[5].GetProperty("choices").GetArrayLength());
        Assert.Equal(3, chunks[5].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_ReplyQuirks_OverrideEmulatorQuirks()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        var quirks = new EmulatorStreamQuirks { EndOfSequenceMarker = false, NullToolCalls = false };
        harness.Emulator.Enqueue(EmulatorReply.Text("abc").WithQuirks(quirks));
        quirks.EndOfSequenceMarker = true;

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        List<JsonElement> chunks = SseClient.Chunks(await SseClient.ReadPayloadsAsync(response));

        Assert.Equal(2, chunks.Count);
        Assert.Equal("""{"role":"assistant","content":"abc"}""", SseClient.Delta(chunks[0]).GetRawText());
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_StreamWithIncludeUsage_PutsUsageOnFinishChunk(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.Text("12345678"));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody("Hello!", includeUsage: true), HttpCompletionOption.ResponseHeadersRead);
        List<JsonElement> chunks = SseClient.Chunks(await SseClient.ReadPayloadsAsync(response));

        JsonElement usage = chunks[^1].GetProperty("usage");
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(2, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0.0000001m, usage.GetProperty("estimated_cost").GetDecimal());
        Assert.All(chunks.SkipLast(1), chunk => Assert.False(chunk.TryGetProperty("usage", out _)));
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_StreamedToolCalls_ArriveAsOpenAIFragments(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(
            new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1"),
            new EmulatorToolCall("noid", "{}")).WithChunkSize(6));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        List<JsonElement> chunks = SseClient.Chunks(await SseClient.ReadPayloadsAsync(response));

        List<JsonElement> fragments = [.. chunks
            .Where(c => SseClient.Delta(c).TryGetProperty("tool_calls", out JsonElement t) && t.ValueKind == JsonValueKind.Array)
            .Select(c => SseClient.Delta(c).GetProperty("tool_calls")[0])];
        Assert.Equal(6, fragments.Count);
        Assert.Equal("""{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}""", fragments[0].GetRawText());
        Assert.Equal("""{"index":0,"function":{"arguments":"{\"city"}}""", fragments[1].GetRawText());
        string arguments = string.Concat(fragments.Skip(1).Take(3).Select(f => f.GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal("""{"city":"Paris"}""", arguments);
        Assert.Equal("""{"index":1,"type":"function","function":{"name":"noid","arguments":""}}""", fragments[4].GetRawText());
        Assert.Equal(1, fragments[5].GetProperty("index").GetInt32());
        Assert.Equal("</s>", SseClient.Delta(chunks[^2]).GetProperty("content").GetString());
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletions_StreamedReasoning_PrecedesContent()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("42").WithReasoning("6 x 7").WithChunkSize(2));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        List<JsonElement> chunks = SseClient.Chunks(await SseClient.ReadPayloadsAsync(response));

        Assert.Equal("6 x 7", SseClient.Content(chunks, "reasoning_content"));
        Assert.Equal("42</s>", SseClient.Content(chunks));
        Assert.True(SseClient.Delta(chunks[0]).TryGetProperty("reasoning_content", out _));
        Assert.False(SseClient.Delta(chunks[0]).TryGetProperty("content", out _));
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_ChunkDelay_DeliversEventsOneByOne(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        TimeSpan delay = TimeSpan.FromMilliseconds(100);
        harness.Emulator.Enqueue(EmulatorReply.Text("abcdefghijkl").WithChunkDelay(delay));

        var clock = Stopwatch.StartNew();
        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        var payloads = new List<string>();
        var arrivals = new List<TimeSpan>();

        await SseClient.ReadAsync(response, payloads, onPayload: _ => arrivals.Add(clock.Elapsed));

        Assert.Equal(6, payloads.Count);
        Assert.True(arrivals[^1] >= delay * 4.5, $"The stream ended after {arrivals[^1]}.");
        Assert.True(arrivals[^1] - arrivals[0] >= delay * 3, $"Events arrived within {arrivals[^1] - arrivals[0]}.");
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_ClientCancelsMidStream_StopsPromptly(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.Text("abcdefgh").WithChunkDelay(TimeSpan.FromSeconds(30)));
        using var cancellation = new CancellationTokenSource();
        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        var payloads = new List<string>();
        var clock = Stopwatch.StartNew();

        Task reading = SseClient.ReadAsync(response, payloads, cancellationToken: cancellation.Token);
        while (payloads.Count == 0)
        {
            await Task.Delay(10);
        }

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Single(payloads);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }
}
