using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorFaultTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_ErrorFrame_FollowsTheFirstChunksInA200Stream(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.Text("abcdefghijkl").WithErrorFrame(2));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        List<string> payloads = await SseClient.ReadPayloadsAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(4, payloads.Count);
        Assert.Equal("abcdefgh", SseClient.Content(SseClient.Chunks(payloads.GetRange(0, 2))));
        using JsonDocument frame = JsonDocument.Parse(payloads[2]);
        JsonElement error = frame.RootElement.GetProperty("error");
        Assert.Equal("The model failed while generating the response.", error.GetProperty("message").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("[DONE]", payloads[3]);
    }

    [Fact]
    public async Task ChatCompletions_CustomErrorFrame_IsSentVerbatim()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("abc").WithErrorFrame(0, """{"error":{"message":"overloaded","code":503}}"""));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        List<string> payloads = await SseClient.ReadPayloadsAsync(response);

        Assert.Equal(["""{"error":{"message":"overloaded","code":503}}""", "[DONE]"], payloads);
    }

    [Fact]
    public async Task ChatCompletions_InBandError_SendsDeepInfrasFrameThenDone()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("abcdefgh").WithInBandError(1, "internal_error", "it's \"broken\""));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        List<string> payloads = await SseClient.ReadPayloadsAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3, payloads.Count);
        Assert.Equal("abcd", SseClient.Content(SseClient.Chunks(payloads.GetRange(0, 1))));
        Assert.Equal("""{"error_type":"internal_error","error_message":"it's \"broken\""}""", payloads[1]);
        Assert.Equal("[DONE]", payloads[2]);
    }

    [Fact]
    public async Task ChatCompletions_InBandErrorReply_IsA200BodyWithDeepInfrasFrame()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.InBandError("server_error", """{"error":{"message":"overloaded"}}"""));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.Body());

        Assert.Equal(200, (int)response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("server_error", body.RootElement.GetProperty("error_type").GetString());
        Assert.Equal("""{"error":{"message":"overloaded"}}""", body.RootElement.GetProperty("error_message").GetString());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task ChatCompletions_MultiLineErrorFrame_ArrivesAsOneEvent(string lineBreak)
    {
        string[] lines = ["{", """  "error": {""", """    "message": "overloaded",""", """    "code": 503""", "  }", "}"];
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("abc").WithErrorFrame(0, string.Join(lineBreak, lines)));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        await using Stream stream = await response.Content.ReadAsStreamAsync();
        List<string> data = [];
        await foreach (SseItem<string> item in SseParser.Create(stream).EnumerateAsync())
        {
            data.Add(item.Data);
        }

        Assert.Equal([string.Join("\n", lines), "[DONE]"], data);
    }

    [Theory]
    [InlineData(Transport.InProcess, false)]
    [InlineData(Transport.InProcess, true)]
    [InlineData(Transport.Loopback, false)]
    [InlineData(Transport.Loopback, true)]
    public async Task ChatCompletions_ConnectionCut_FailsTheReadAfterTheSentEvents(Transport transport, bool midEvent)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.Text("abcdefghijkl").WithConnectionCut(afterEvents: 2, midEvent));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);
        var payloads = new List<string>();
        Exception failure = await Assert.ThrowsAnyAsync<Exception>(() => SseClient.ReadAsync(response, payloads));

        Assert.True(failure is IOException or HttpRequestException, failure.ToString());
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, payloads.Count);
        Assert.Equal("abcdefgh", SseClient.Content(SseClient.Chunks(payloads)));
        if (transport == Transport.InProcess)
        {
            Assert.IsType<HttpIOException>(failure);
        }
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_NonStreamingCut_FailsTheRequest(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.Text("a long enough answer").WithConnectionCut());

        Exception failure = await Assert.ThrowsAnyAsync<Exception>(() => harness.PostAsync(EmulatorHarness.Body()));

        Assert.True(failure is IOException or HttpRequestException, failure.ToString());
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_FirstByteDelay_HoldsBackTheHeaders(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.Text("slow").WithFirstByteDelay(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody(), HttpCompletionOption.ResponseHeadersRead);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"Headers after {clock.Elapsed}.");
        Assert.Equal("slow</s>", SseClient.Content(SseClient.Chunks(await SseClient.ReadPayloadsAsync(response))));
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_FirstByteDelayBeyondClientTimeout_TimesOut(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Client.Timeout = TimeSpan.FromMilliseconds(200);
        harness.Emulator.Enqueue(EmulatorReply.Text("late").WithFirstByteDelay(TimeSpan.FromSeconds(30)));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => harness.PostAsync(EmulatorHarness.Body()));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }
}
