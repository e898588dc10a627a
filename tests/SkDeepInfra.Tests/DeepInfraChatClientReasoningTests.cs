namespace SkDeepInfra;

public sealed class DeepInfraChatClientReasoningTests
{
    private const string Qwen3 = "Qwen/Qwen3-32B";
    private const string R1 = "deepseek-ai/DeepSeek-R1-0528";

    [Theory]
    [InlineData("<think>\nThe user greets.\n</think>\n\nHello!<|im_end|>", "The user greets.\n", "Hello!")]
    [InlineData("  <think>short</think>Hi", "short", "Hi")]
    [InlineData("<think>cut off before the end", "cut off before the end", "")]
    public async Task GetResponseAsync_InlineThink_ReasoningContentThenAnswer(string content, string reasoning, string answer)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion(content));
        using DeepInfraChatClient client = TestClients.Create(handler, model: Qwen3);

        ChatResponse response = await client.GetResponseAsync("Hi");

        ChatMessage message = Assert.Single(response.Messages);
        Assert.Equal(reasoning, Assert.IsType<TextReasoningContent>(message.Contents[0]).Text);
        Assert.Equal(answer, response.Text);
        Assert.DoesNotContain(message.Contents.OfType<TextContent>(), t => t.Text.Contains("think", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("I write <think> tags in my answer.")]
    [InlineData("Answer first. <think>later</think>")]
    public async Task GetResponseAsync_ThinkNotAtStart_StaysText(string content)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion(content));
        using DeepInfraChatClient client = TestClients.Create(handler, model: Qwen3);

        ChatResponse response = await client.GetResponseAsync("Hi");

        Assert.Equal(content, response.Text);
        Assert.Empty(response.Messages[0].Contents.OfType<TextReasoningContent>());
    }

    [Fact]
    public async Task GetResponseAsync_FamilyWithoutInlineReasoning_LeadingThinkStaysText()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("<think>x</think>y"));
        using DeepInfraChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("Hi");

        Assert.Equal("<think>x</think>y", response.Text);
    }

    public static TheoryData<string[], string, string> SplitStreams => new()
    {
        { ["<think>", "plan", "</think>", "Answer."], "plan", "Answer." },
        { ["<th", "ink>\npl", "an</th", "ink>\n\nAns", "wer.<｜end▁of▁sentence｜>"], "plan", "Answer." },
        { ["\n", "<", "think>a < b </", "thin", "k>ok"], "a < b ", "ok" },
        { ["<think>all reasoning, cut </thi"], "all reasoning, cut </thi", "" },
        { ["<thinking", " is not a tag"], "", "<thinking is not a tag" },
        { ["Say <think>", " mid-sentence"], "", "Say <think> mid-sentence" },
        { ["<th"], "", "<th" },
    };

    [Theory]
    [MemberData(nameof(SplitStreams))]
    public async Task GetStreamingResponseAsync_InlineThinkSplitAcrossDeltas_ReasoningThenAnswer(string[] pieces, string reasoning, string answer)
    {
        string sse = Canned.Sse(pieces.Select(p => Canned.Chunk(p)).Append(Canned.Chunk(finishReason: "stop", usage: Canned.DefaultUsage)));
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler, model: R1);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal(reasoning, string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal(answer, string.Concat(updates.Select(u => u.Text)));
        ChatResponse response = updates.ToChatResponse();
        Assert.Equal(answer, response.Text);
        Assert.Equal(reasoning.Length > 0, response.Messages[0].Contents.OfType<TextReasoningContent>().Any());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ReasoningStreams_BeforeTheAnswerEnds()
    {
        string sse = Canned.Sse([Canned.Chunk("<think>step one"), Canned.Chunk(", step two"), Canned.Chunk("</think>Done"), Canned.Chunk(finishReason: "stop")]);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler, model: Qwen3);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync("q").ToListAsync();

        Assert.Equal(["step one", ", step two"], updates.Take(2).Select(u => Assert.IsType<TextReasoningContent>(Assert.Single(u.Contents)).Text));
        Assert.Equal("Done", updates[2].Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ServerSplitReasoning_StillMapped()
    {
        string sse = Canned.Sse([Canned.Chunk(extraDelta: "\"reasoning_content\":\"thinking\""), Canned.Chunk("Hi"), Canned.Chunk(finishReason: "stop")]);
        var handler = new RecordingHandler().ReplySse(sse);
        using DeepInfraChatClient client = TestClients.Create(handler, model: R1);

        ChatResponse response = (await client.GetStreamingResponseAsync("q").ToListAsync()).ToChatResponse();

        Assert.Equal("thinking", response.Messages[0].Contents.OfType<TextReasoningContent>().Single().Text);
        Assert.Equal("Hi", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_UserProfile_ItsMarkersAndReasoningApply()
    {
        var options = new DeepInfraClientOptions { ApiKey = "k", Endpoint = new Uri("https://deepinfra.test/v1/openai/") };
        options.ModelFamilies.Add(new DeepInfraModelFamily("In-house", ["acme/"], ["[END]"], inlineReasoning: true));
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("<think>t</think>Hi[END]"));
        using var client = new DeepInfraChatClient("acme/chat-1", options, new HttpClient(handler));

        ChatResponse response = await client.GetResponseAsync("Hi");

        Assert.Equal("Hi", response.Text);
        Assert.Equal("t", response.Messages[0].Contents.OfType<TextReasoningContent>().Single().Text);
        Assert.Same(options.ModelFamilies, client.GetService(typeof(DeepInfraModelFamilies)));
    }
}
