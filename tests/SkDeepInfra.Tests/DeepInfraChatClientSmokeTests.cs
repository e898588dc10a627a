namespace SkDeepInfra;

public sealed class DeepInfraChatClientSmokeTests
{
    [Fact]
    public async Task GetResponseAsync_RecordedReply_MapsTextUsageAndCost()
    {
        var handler = new RecordingHandler().ReplyJson(TestData.Read("completion-hello.json"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("Hello!");

        Assert.Equal(" Hello! It's nice to meet you. Is there something I can help you with or would you like to chat for a bit?", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(31, response.Usage!.TotalTokenCount);
        Assert.Equal(0.0000268, (double)response.AdditionalProperties![DeepInfraPropertyNames.EstimatedCost]!);
        RecordedRequest sent = Assert.Single(handler.Requests);
        Assert.Equal("https://deepinfra.test/v1/openai/chat/completions", sent.Uri.ToString());
        Assert.Equal("Bearer " + TestClients.ApiKey, sent.Authorization);
        Assert.Equal("""{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"Hello!"}]}""", sent.Body);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_RecordedStream_DropsEndMarker()
    {
        var handler = new RecordingHandler().ReplySse(TestData.Read("stream-hello.sse"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hello!"))
        {
            updates.Add(update);
        }

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal("  Hi!", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Contains("\"stream\":true,\"stream_options\":{\"include_usage\":true}", handler.Requests[0].Body);
    }
}
