using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorReplyTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_NoScript_EchoesLastUserMessageInReferenceShape(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body("Tell me a joke"));

        Assert.Equal(200, status);
        Assert.Matches(new Regex("^chatcmpl-[0-9a-f]{24}$"), body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.InRange(body.GetProperty("created").GetInt64(), before, before + 5);
        Assert.Equal(EmulatorHarness.Model, body.GetProperty("model").GetString());
        JsonElement choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("You said: Tell me a joke", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.True(body.GetProperty("usage").TryGetProperty("estimated_cost", out _));
    }

    [Fact]
    public async Task ChatCompletions_TextParts_EchoesJoinedText()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        string json = """{"model":"m","messages":[{"role":"user","content":"first"},{"role":"assistant","content":"ok"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"b"}]}]}""";

        (_, JsonElement body) = await harness.PostForJsonAsync(json);

        Assert.Equal("You said: a\nb", Content(body));
    }

    [Fact]
    public async Task ChatCompletions_Script_IsConsumedInOrderThenResponderThenEcho()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("one"), EmulatorReply.Text("two"));
        harness.Emulator.Responder = request => request.LastUserText == "skip" ? null : EmulatorReply.Text("responder: " + request.Model);

        string[] answers = new string[5];
        for (int i = 0; i < answers.Length; i++)
        {
            (_, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body(i == 4 ? "skip" : "go"));
            answers[i] = Content(body)!;
        }

        Assert.Equal(["one", "two", "responder: " + EmulatorHarness.Model, "responder: " + EmulatorHarness.Model, "You said: skip"], answers);
        Assert.Equal(0, harness.Emulator.PendingReplies);
    }

    [Fact]
    public async Task ChatCompletions_ResponderThrows_Returns500NamingTheException()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Responder = _ => throw new InvalidOperationException("boom");

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        Assert.Equal(500, status);
        Assert.Equal("The emulator's responder threw InvalidOperationException: boom", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task ChatCompletions_RejectedRequest_DoesNotConsumeScript()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("kept"));

        (int rejected, _) = await harness.PostForJsonAsync(EmulatorHarness.Body(extra: "\"temperature\":5"));
        (_, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        Assert.Equal(422, rejected);
        Assert.Equal("kept", Content(body));
    }

    [Fact]
    public async Task ChatCompletions_ToolCalls_ReturnsCallsWithNullContent()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(
            new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1"),
            new EmulatorToolCall("broken", "{not json", id: null)));

        (_, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        JsonElement choice = body.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        JsonElement message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        JsonElement[] calls = [.. message.GetProperty("tool_calls").EnumerateArray()];
        Assert.Equal(2, calls.Length);
        Assert.Equal("call_1", calls[0].GetProperty("id").GetString());
        Assert.Equal("function", calls[0].GetProperty("type").GetString());
        Assert.Equal("get_weather", calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.False(calls[1].TryGetProperty("id", out _));
        Assert.Equal("{not json", calls[1].GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task ChatCompletions_JsonReasoningAndFinishReason_AreReturned()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Json("""{"answer": 42}""").WithReasoning("Six times seven.").WithFinishReason("length"));

        (_, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        JsonElement choice = body.GetProperty("choices")[0];
        Assert.Equal("""{"answer": 42}""", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("Six times seven.", choice.GetProperty("message").GetProperty("reasoning_content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletions_TextWithToolCalls_ReturnsBoth()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("f", "{}", "c1")).WithContent("Let me check."));

        (_, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        Assert.Equal("Let me check.", Content(body));
        Assert.Equal(1, body.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").GetArrayLength());
    }

    [Fact]
    public async Task ChatCompletions_RawReply_IsSentVerbatim()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Raw(200, """{"custom":true}"""));

        using System.Net.Http.HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.Body());

        Assert.Equal("""{"custom":true}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Json_MalformedText_Throws()
    {
        Assert.Throws<ArgumentException>(() => EmulatorReply.Json("{oops"));
    }

    [Fact]
    public void ToolCalls_None_Throws()
    {
        Assert.Throws<ArgumentException>(() => EmulatorReply.ToolCalls());
    }

    [Fact]
    public void With_ReturnsCopy_LeavesOriginalUnchanged()
    {
        EmulatorReply original = EmulatorReply.Text("x");

        EmulatorReply changed = original.WithChunkSize(1).WithReasoning("r");

        Assert.NotSame(original, changed);
        Assert.Equal(EmulatorReply.DefaultChunkSize, original.ChunkSize);
        Assert.Null(original.Reasoning);
        Assert.Equal(1, changed.ChunkSize);
    }

    internal static string? Content(JsonElement body) =>
        body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
}
