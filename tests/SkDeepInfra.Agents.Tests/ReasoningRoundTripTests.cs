namespace SkDeepInfra.Agents;

/// <summary>A thinking model's reasoning goes back as <c>reasoning_content</c> within the agent's tool loop, and not on the next turn.</summary>
public sealed class ReasoningRoundTripTests
{
    private const string ThinkingModel = "deepseek-ai/DeepSeek-R1-0528";

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task RunAsync_ToolLoopThenNextTurn_ReasoningSentInsideTheLoopOnly(bool streaming, bool inline)
    {
        await using var harness = new AgentHarness(model: ThinkingModel);
        var tools = new TestTools();
        EmulatorReply call = inline
            ? EmulatorReply.Text("<think>I need the weather tool.</think>\n\n<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{\"city\": \"Paris\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>")
            : EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""")).WithReasoning("I need the weather tool.");
        harness.Emulator.Enqueue(call, EmulatorReply.Text("Paris: 18 °C.").WithReasoning("Report it."), EmulatorReply.Text("You are welcome."));
        ChatClientAgent agent = harness.Agent([tools.Weather]);
        AgentSession session = await agent.CreateSessionAsync();

        await RunAsync(agent, "Weather in Paris?", session, streaming);
        await RunAsync(agent, "Thanks!", session, streaming);

        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.Equal(["I need the weather tool."], AssistantReasoning(harness, 1));
        Assert.All(AssistantReasoning(harness, 2), r => Assert.Null(r));
        Assert.Equal(2, AssistantReasoning(harness, 2).Count);
    }

    private static async Task RunAsync(ChatClientAgent agent, string message, AgentSession session, bool streaming)
    {
        if (!streaming)
        {
            await agent.RunAsync(message, session);
            return;
        }

        await foreach (AgentResponseUpdate update in agent.RunStreamingAsync(message, session))
        {
            _ = update;
        }
    }

    private static List<string?> AssistantReasoning(AgentHarness harness, int request) =>
        [.. harness.MessagesOf(request)
            .Where(m => m.GetProperty("role").GetString() == "assistant")
            .Select(m => m.TryGetProperty("reasoning_content", out JsonElement r) ? r.GetString() : null)];
}
