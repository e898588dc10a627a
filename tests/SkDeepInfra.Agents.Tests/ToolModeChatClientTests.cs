namespace SkDeepInfra.Agents;

/// <summary>Models without native tool calling: Auto falls back to tools described in the prompt, Native keeps the error, Prompted never sends tools.</summary>
public sealed class ToolModeChatClientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_AutoAndToolsRefused_PromptedForThatModelFromThenOn(bool streaming)
    {
        await using var harness = new AgentHarness(model: "acme/chat-1");
        harness.Emulator.Options.Persona = EmulatorPersona.Gemma;
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""")),
            EmulatorReply.Text("Paris: 18 °C."),
            EmulatorReply.Text("Rome too."));
        ChatClientAgent agent = harness.Agent([tools.Weather]);
        AgentSession session = await agent.CreateSessionAsync();

        string answer = await RunAsync(agent, "Weather in Paris?", session, streaming);
        string next = await RunAsync(agent, "And Rome?", session, streaming);

        Assert.Equal("Paris: 18 °C.", answer);
        Assert.Equal("Rome too.", next);
        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.Equal(4, harness.Requests.Count); // refused, prompted call, prompted answer, next turn (prompted at once)
        Assert.True(harness.Requests[0].Tools.Count > 0);
        Assert.All(harness.Requests.Skip(1), r => Assert.Empty(r.Tools));
        string system = harness.MessagesOf(1)[0].GetProperty("content").GetString()!;
        Assert.Contains("\"name\":\"get_weather\"", system, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"tool_name\",\"parameters\":{\"argument\":\"value\"}}", system, StringComparison.Ordinal); // an unknown family: JSON
        Assert.Equal(["system", "user", "assistant", "user"], AgentHarness.Roles(harness.MessagesOf(2)));
        Assert.Equal("{\"name\":\"get_weather\",\"parameters\":{\"city\":\"Paris\"}}", harness.MessagesOf(2)[2].GetProperty("content").GetString());
        Assert.Matches("^Result of get_weather \\(call_[0-9a-f]+\\): Paris: 18 °C$", harness.MessagesOf(2)[3].GetProperty("content").GetString());
        Assert.Empty(harness.Requests[3].Tools);
    }

    [Fact]
    public async Task RunAsync_NativeAndToolsRefused_ThrowsDeepInfraExceptionOnce()
    {
        await using var harness = new AgentHarness(model: "google/gemma-3-27b-it");
        harness.Emulator.Options.PersonasByModelId = true;
        harness.Emulator.Enqueue(EmulatorReply.Text("never sent"));

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() =>
            harness.Agent([new TestTools().Weather], new DeepInfraAgentOptions { ToolMode = DeepInfraToolMode.Native }).RunAsync("Weather in Paris?"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Tool calling is not supported for model google/gemma-3-27b-it", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_AutoAndFamilyWithoutNativeTools_PromptedAtOnce(bool streaming)
    {
        await using var harness = new AgentHarness(model: "google/gemma-3-27b-it");
        harness.Emulator.Options.PersonasByModelId = true;
        var tools = new TestTools();
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Oslo"}""")), EmulatorReply.Text("Oslo: 18 °C."));

        string answer = await RunAsync(harness.Agent([tools.Weather]), "Weather in Oslo?", null, streaming);

        Assert.Equal("Oslo: 18 °C.", answer);
        Assert.Equal(["get_weather(Oslo)"], tools.Calls);
        Assert.Equal(2, harness.Requests.Count);
        Assert.All(harness.Requests, r => Assert.Empty(r.Tools));
    }

    [Theory]
    [InlineData("Qwen/Qwen3-32B", "<tool_call>\n{\"name\":\"tool_name\",\"arguments\":{\"argument\":\"value\"}}\n</tool_call>")]
    [InlineData("mistralai/Mistral-Small-24B-Instruct-2501", "[TOOL_CALLS][{\"name\":\"tool_name\",\"arguments\":{\"argument\":\"value\"}}]")]
    [InlineData("meta-llama/Meta-Llama-3.1-8B-Instruct", "{\"name\":\"tool_name\",\"parameters\":{\"argument\":\"value\"}}")]
    [InlineData("deepseek-ai/DeepSeek-V3", "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>tool_name\n```json\n{\"argument\":\"value\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>")]
    public async Task GetResponseAsync_Prompted_FamilyToolPromptAndRecoveredCall(string model, string example)
    {
        await using var harness = new AgentHarness(model: model);
        harness.Emulator.Options.PersonasByModelId = true;
        var tools = new TestTools();
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""")), EmulatorReply.Text("Done."));
        IChatClient pipeline = harness.Client.AsBuilder().UseToolLoop().UseRunLedger().UseToolMode(DeepInfraToolMode.Prompted).Build();

        ChatResponse response = await pipeline.GetResponseAsync([new(ChatRole.User, "Weather?")], new ChatOptions { Tools = [tools.Weather] });

        Assert.Equal("Done.", response.Text);
        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.All(harness.Requests, r => Assert.Empty(r.Tools));
        string system = harness.MessagesOf(0)[0].GetProperty("content").GetString()!;
        Assert.True(system.Contains(example, StringComparison.Ordinal), system);
    }

    [Fact]
    public async Task GetResponseAsync_PromptedAndBudgetOfOneCall_LedgerMarksRecoveryAndBudgetStopsTheLoop()
    {
        await using var harness = new AgentHarness(model: "google/gemma-3-27b-it");
        harness.Emulator.Options.PersonasByModelId = true;
        var tools = new TestTools();
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""")), EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Client.AsBuilder()
            .UseToolLoop(configure: loop => loop.Budget = new AgentBudget { MaxModelCalls = 1 }).UseRunLedger().UseToolMode().Build();

        ChatResponse response = await pipeline.GetResponseAsync([new(ChatRole.User, "Weather?")], new ChatOptions { Tools = [tools.Weather] });

        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.Single(harness.Requests);
        Assert.Equal(AgentRunStatus.BudgetExceeded, response.GetRunOutcome()!.Status);
        ModelCallRecord call = Assert.Single(response.GetRunLedger()!.ModelCalls);
        Assert.True(call.ToolCallsRecoveredFromText);
        Assert.Equal(["get_weather"], call.ToolCalls);
    }

    [Fact]
    public void Constructor_UndefinedMode_Throws()
    {
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => new ToolModeChatClient(new Moq.Mock<IChatClient>().Object, (DeepInfraToolMode)9)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepInfraAgentOptions { ToolMode = (DeepInfraToolMode)9 }).ParamName);
    }

    private static async Task<string> RunAsync(ChatClientAgent agent, string message, AgentSession? session, bool streaming)
    {
        if (!streaming)
        {
            return (await agent.RunAsync(message, session)).Text;
        }

        List<AgentResponseUpdate> updates = [];
        await foreach (AgentResponseUpdate update in agent.RunStreamingAsync(message, session))
        {
            updates.Add(update);
        }

        return updates.ToAgentResponse().Messages[^1].Text;
    }
}
