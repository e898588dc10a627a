namespace SkDeepInfra.Agents;

/// <summary>Each family's text tool calls, through the agent and the emulator, streaming and not: the call runs, the wire carries a real call.</summary>
public sealed class ToolCallRecoveryFamilyTests
{
    private static readonly DeepInfraAgentOptions s_native = new() { ToolMode = DeepInfraToolMode.Native }; // Gemma would go prompted otherwise

    public static TheoryData<string, string> FamilyReplies => new()
    {
        { "meta-llama/Meta-Llama-3.1-70B-Instruct", """<function=get_weather>{"city": "Paris"}</function><|eot_id|>""" },
        { "meta-llama/Llama-3.3-70B-Instruct", """{"name": "get_weather", "parameters": {"city": "Paris"}}<|eot_id|>""" },
        { "meta-llama/Llama-3.2-3B-Instruct", """[get_weather(city="Paris")]<|eot_id|>""" },
        { "meta-llama/Llama-4-Scout-17B-16E-Instruct", """[get_weather(city='Paris')]<|eot|>""" },
        { "Qwen/Qwen3-32B", "<think>The user wants the weather.</think>\n\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call><|im_end|>" },
        { "Qwen/Qwen2.5-72B-Instruct", "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>" },
        { "mistralai/Mistral-Small-24B-Instruct-2501", """[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}, "id": "a1b2c3d4e"}]</s>""" },
        { "mistralai/Mistral-Large-Instruct-2411", """[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}</s>""" },
        { "deepseek-ai/DeepSeek-V3-0324", "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜><｜end▁of▁sentence｜>" },
        { "google/gemma-3-27b-it", "```json\n{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}\n```<end_of_turn>" },
        { "microsoft/phi-4", """[{"name": "get_weather", "arguments": {"city": "Paris"}}]<|end|>""" },
    };

    [Theory]
    [MemberData(nameof(FamilyReplies))]
    public async Task RunAsync_FamilyTextToolCall_RunsAndGoesBackAsARealCall(string model, string reply)
    {
        await using var harness = new AgentHarness(model: model);
        var tools = new TestTools();
        harness.Emulator.Enqueue(EmulatorReply.Text(reply), EmulatorReply.Text("Paris: 18 °C."));

        AgentResponse response = await harness.Agent([tools.Weather], s_native).RunAsync("Weather in Paris?");

        AssertRecovered(harness, tools, response.Text, response.GetRunLedger()!);
    }

    [Theory]
    [MemberData(nameof(FamilyReplies))]
    public async Task RunStreamingAsync_FamilyTextToolCallInSmallChunks_RunsAndGoesBackAsARealCall(string model, string reply)
    {
        await using var harness = new AgentHarness(model: model);
        var tools = new TestTools();
        harness.Emulator.Enqueue(EmulatorReply.Text(reply).WithChunkSize(3), EmulatorReply.Text("Paris: 18 °C."));

        List<AgentResponseUpdate> updates = [];
        await foreach (AgentResponseUpdate update in harness.Agent([tools.Weather], s_native).RunStreamingAsync("Weather in Paris?"))
        {
            updates.Add(update);
        }

        AgentResponse response = updates.ToAgentResponse();
        Assert.DoesNotContain(updates, u => u.Text.Contains("get_weather", StringComparison.Ordinal));
        AssertRecovered(harness, tools, response.Text, updates[^1].GetRunLedger() ?? response.GetRunLedger()!);
    }

    [Theory]
    [MemberData(nameof(FamilyReplies))]
    public async Task GetStreamingResponseAsync_FamilyToolCallQuotedInProse_StaysText(string model, string reply)
    {
        await using var harness = new AgentHarness(model: model);
        var tools = new TestTools();
        string prose = "To get the weather I would write " + reply.Replace("<think>The user wants the weather.</think>\n\n", string.Empty, StringComparison.Ordinal) + " and then wait.";
        harness.Emulator.Enqueue(EmulatorReply.Text(prose).WithChunkSize(5));

        ChatResponse response = (await harness.Pipeline().GetStreamingResponseAsync([new(ChatRole.User, "How?")], new ChatOptions { Tools = [tools.Weather] }).ToListAsync()).ToChatResponse();

        Assert.Empty(tools.Calls);
        Assert.StartsWith("To get the weather I would write ", response.Text, StringComparison.Ordinal);
        Assert.EndsWith(" and then wait.", response.Text, StringComparison.Ordinal);
        Assert.Single(harness.Requests);
    }

    private static void AssertRecovered(AgentHarness harness, TestTools tools, string answer, AgentRunLedger ledger)
    {
        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        (string id, string name, string arguments) = Assert.Single(harness.ToolCallsOf(1));
        Assert.Equal(("get_weather", """{"city":"Paris"}"""), (name, arguments));
        Assert.Equal([(id, "Paris: 18 °C")], harness.ToolMessagesOf(1));
        Assert.Equal("Paris: 18 °C.", answer);
        Assert.True(ledger.ModelCalls[0].ToolCallsRecoveredFromText);
    }
}
