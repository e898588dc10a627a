namespace SkDeepInfra.Agents;

/// <summary>Tool failures never crash the run: each goes back to the model as a concise error result.</summary>
public sealed class ToolLoopChatClientToolErrorTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "Weather in Paris?")];

    [Fact]
    public async Task GetResponseAsync_ToolThrows_ModelGetsConciseErrorWithoutDetailsAndRunCompletes()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Text("The weather service is unavailable."));

        ChatResponse response = await harness.Pipeline().GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Broken] });

        Assert.Equal([("call_1", "Error: tool \"get_weather\" failed.")], harness.ToolMessagesOf(1));
        Assert.True(response.GetRunOutcome()!.IsCompleted);
        Assert.Equal("The weather service is unavailable.", response.Text);
        ToolCallRecord record = Assert.Single(response.GetRunLedger()!.ToolCalls);
        Assert.False(record.Succeeded);
        Assert.Equal("weather backend at 10.0.0.7 is down", record.Error);
        Assert.Equal(1, record.ModelCall);
        Assert.IsType<InvalidOperationException>(response.Messages[1].Contents.OfType<FunctionResultContent>().Single().Exception);
    }

    [Fact]
    public async Task GetResponseAsync_ToolThrowsWithDetailedErrors_ModelGetsTheExceptionMessage()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Text("Sorry."));

        await harness.Pipeline(loop => loop.IncludeDetailedErrors = true).GetResponseAsync(s_question, new ChatOptions { Tools = [new TestTools().Broken] });

        Assert.Equal([("call_1", "Error: tool \"get_weather\" failed: weather backend at 10.0.0.7 is down")], harness.ToolMessagesOf(1));
    }

    [Fact]
    public async Task GetResponseAsync_MalformedArguments_ModelGetsInvalidJsonErrorAndToolNeverRuns()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city": "Par""", "call_1")),
            EmulatorReply.Text("Let me try again later."));

        ChatResponse response = await harness.Pipeline().GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather] });

        Assert.Empty(tools.Calls);
        Assert.Equal(
            [("call_1", "Error: the arguments for tool \"get_weather\" are not valid JSON. Call it again with a JSON object that matches its parameters.")],
            harness.ToolMessagesOf(1));
        Assert.False(response.GetRunLedger()!.ToolCalls.Single().Succeeded);
    }

    [Fact]
    public async Task GetResponseAsync_SchemaViolatingArguments_ModelGetsWhatIsWrongEvenWithoutDetailedErrors()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_forecast", """{"days":"three","unit":"c"}""", "call_1")),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_forecast", """{"city":"Paris","days":3}""", "call_2")),
            EmulatorReply.Text("Sunny for three days."));

        ChatResponse response = await harness.Pipeline().GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Forecast] });

        Assert.Equal(
            [("call_1", "Error: invalid arguments for tool \"get_forecast\": missing required argument \"city\"; argument \"days\" must be an integer, not the string \"three\". Call it again with arguments that match its parameters.")],
            harness.ToolMessagesOf(1));
        Assert.Equal(["get_forecast(Paris,3,c)"], tools.Calls);
        Assert.Equal([false, true], response.GetRunLedger()!.ToolCalls.Select(t => t.Succeeded));
        Assert.True(response.GetRunOutcome()!.IsCompleted);
    }

    [Fact]
    public async Task GetResponseAsync_ValidationOff_ToolItselfRejectsTheArguments()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_forecast", """{"city":"Paris","days":"three"}""", "call_1")),
            EmulatorReply.Text("Sorry."));

        await harness.Pipeline(loop => loop.ValidateToolArguments = false).GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Forecast] });

        Assert.Equal([("call_1", "Error: tool \"get_forecast\" failed.")], harness.ToolMessagesOf(1));
        Assert.Empty(tools.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_UnknownTool_ModelGetsTheAvailableToolsAndTheLedgerCountsAFailure()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_wether", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_2")),
            EmulatorReply.Text("Paris: 18 °C."));

        ChatResponse response = await harness.Pipeline().GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Weather, tools.Forecast] });

        Assert.Equal(
            [("call_1", "Error: there is no tool named \"get_wether\". Available tools: get_weather, get_forecast.")],
            harness.ToolMessagesOf(1));
        ToolCallRecord unknown = response.GetRunLedger()!.ToolCalls[0];
        Assert.Equal(("get_wether", false, "unknown tool \"get_wether\"", TimeSpan.Zero), (unknown.Name, unknown.Succeeded, unknown.Error, unknown.Duration));
        Assert.True(response.GetRunOutcome()!.IsCompleted);
    }

    [Fact]
    public async Task GetResponseAsync_ConsecutiveErrorLimitReached_EndsCleanlyWithEveryCallAnswered()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        int call = 0;
        harness.Emulator.Responder = _ => EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", $"call_{++call}"));

        ChatResponse response = await harness.Pipeline(loop => loop.MaximumConsecutiveErrorsPerRequest = 2)
            .GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Broken] });

        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(2, tools.Calls.Count);
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentRunStatus.ConsecutiveErrorLimit, outcome.Status);
        Assert.Equal("The run stopped after 2 consecutive tool rounds with errors (MaximumConsecutiveErrorsPerRequest).", outcome.Message);
        Assert.Equal(["assistant", "tool", "assistant", "tool"], response.Messages.Select(m => m.Role.Value));
        Assert.Equal(2, response.GetRunLedger()!.FailedToolCalls);
    }

    [Fact]
    public async Task RunAsync_AfterConsecutiveErrorLimit_SessionContinuesWithAValidConversation()
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.Text("The weather service is down; try later."));
        ChatClientAgent agent = harness.Agent([tools.Broken], new DeepInfraAgentOptions { MaximumConsecutiveErrorsPerRequest = 1 });
        AgentSession session = await agent.CreateSessionAsync();

        AgentResponse first = await agent.RunAsync("Weather in Paris?", session);
        AgentResponse second = await agent.RunAsync(session);

        Assert.Equal(AgentRunStatus.ConsecutiveErrorLimit, first.GetRunOutcome()!.Status);
        Assert.True(second.GetRunOutcome()!.IsCompleted);
        Assert.Equal("The weather service is down; try later.", second.Text);
        Assert.Equal(["system", "user", "assistant", "tool"], AgentHarness.Roles(harness.MessagesOf(1)));
    }

    [Fact]
    public async Task GetResponseAsync_SuccessBetweenFailures_ResetsTheConsecutiveCount()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""", "call_1")),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_forecast", """{"city":"Paris","days":2}""", "call_2")),
            EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Rome"}""", "call_3")),
            EmulatorReply.Text("Done."));
        var tools = new TestTools();

        ChatResponse response = await harness.Pipeline(loop => loop.MaximumConsecutiveErrorsPerRequest = 2)
            .GetResponseAsync(s_question, new ChatOptions { Tools = [tools.Broken, tools.Forecast] });

        Assert.True(response.GetRunOutcome()!.IsCompleted);
        Assert.Equal([false, true, false], response.GetRunLedger()!.ToolCalls.Select(t => t.Succeeded));
    }
}
