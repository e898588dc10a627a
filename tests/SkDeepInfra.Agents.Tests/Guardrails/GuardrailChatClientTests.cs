using System.Runtime.CompilerServices;

namespace SkDeepInfra.Agents;

/// <summary>Input, output and tool guardrails: passing, tripping and retrying, through the agent and the middleware alone, streaming and not.</summary>
public sealed class GuardrailChatClientTests
{
    private static readonly IInputGuardrail s_noSecrets = Guardrails.Input("no_secrets", (messages, _) =>
        new(messages.Any(m => m.Text.Contains("password", StringComparison.OrdinalIgnoreCase)) ? GuardrailVerdict.Trip("the input asks for a password") : GuardrailVerdict.Pass));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_InputGuardrailTrips_SendsNothingAndEndsWithGuardrailTripped(bool streaming)
    {
        await using var harness = new AgentHarness();
        var options = new DeepInfraAgentOptions();
        options.InputGuardrails.Add(s_noSecrets);
        ChatClientAgent agent = harness.Agent([new TestTools().Weather], options);

        AgentResponse response = await Run(agent, "What is the admin password?", streaming);

        Assert.Empty(harness.Requests);
        Assert.Empty(response.Messages.SelectMany(m => m.Contents));
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal((AgentRunStatus.GuardrailTripped, "no_secrets"), (outcome.Status, outcome.TrippedGuardrail));
        Assert.Equal("The input guardrail \"no_secrets\" tripped: the input asks for a password", outcome.Message);
        GuardrailRecord record = Assert.Single(response.GetRunLedger()!.Guardrails);
        Assert.Equal((1, GuardrailStage.Input, GuardrailAction.Trip), (record.ModelCall, record.Stage, record.Action));
    }

    [Fact]
    public async Task RunAsync_InputGuardrailPasses_RunsAndRecordsThePass()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Hello."));
        var options = new DeepInfraAgentOptions();
        options.InputGuardrails.Add(s_noSecrets);

        AgentResponse response = await harness.Agent([], options).RunAsync("Hi!");

        Assert.Equal("Hello.", response.Text);
        Assert.True(response.GetRunOutcome()!.IsCompleted);
        Assert.Equal(GuardrailAction.Pass, Assert.Single(response.GetRunLedger()!.Guardrails).Action);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ParallelInputGuardrailTrips_CancelsTheModelCallUnderWay(bool streaming)
    {
        var model = new HangingModel();
        var trip = new TaskCompletionSource();
        using var client = new GuardrailChatClient(new RunLedgerChatClient(model)) { RunInputGuardrailsInParallel = true };
        client.InputGuardrails.Add(Guardrails.Input("slow_check", async (_, ct) =>
        {
            await model.Started.Task.WaitAsync(ct);
            return GuardrailVerdict.Trip("blocked topic");
        }));

        AgentRunOutcome outcome = streaming
            ? (await client.GetStreamingResponseAsync("Tell me.").ToListAsync())[^1].GetRunOutcome()!
            : (await client.GetResponseAsync("Tell me.")).GetRunOutcome()!;

        Assert.True(model.Cancelled, "the model call under way was cancelled");
        Assert.Equal((AgentRunStatus.GuardrailTripped, "slow_check"), (outcome.Status, outcome.TrippedGuardrail));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ParallelInputGuardrailPasses_StreamsTheAnswer()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Paris is sunny today.").WithChunkSize(4));
        IChatClient pipeline = harness.Client.AsBuilder()
            .UseToolLoop()
            .UseGuardrails(g =>
            {
                g.InputGuardrails.Add(s_noSecrets);
                g.RunInputGuardrailsInParallel = true;
            })
            .UseRunLedger()
            .Build();

        List<ChatResponseUpdate> updates = await pipeline.GetStreamingResponseAsync("Weather in Paris?").ToListAsync();

        Assert.Equal("Paris is sunny today.", updates.ToChatResponse().Text);
        Assert.True(updates.Count(u => u.Contents.OfType<TextContent>().Any()) > 1, "the answer arrives in pieces");
        Assert.True(updates[^1].GetRunOutcome()!.IsCompleted);
        Assert.Equal(GuardrailAction.Pass, Assert.Single(updates[^1].GetRunLedger()!.Guardrails).Action);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_OutputGuardrailAsksForAnotherTry_SendsFeedbackAndReturnsTheRepairedAnswer(bool streaming)
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Call me at 555-0100.").WithUsage(20, 8), EmulatorReply.Text("I cannot share a number.").WithUsage(40, 6));
        IChatClient pipeline = harness.Client.AsBuilder()
            .UseToolLoop()
            .UseGuardrails(g => g.OutputGuardrails.Add(NoPhoneNumbers()))
            .UseRunLedger()
            .Build();

        ChatResponse response = await Ask(pipeline, "How do I reach you?", streaming);

        Assert.Equal("I cannot share a number.", response.Text);
        Assert.True(response.GetRunOutcome()!.IsCompleted);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal("Remove the phone number.", harness.MessagesOf(1)[^1].GetProperty("content").GetString());
        AgentRunLedger ledger = response.GetRunLedger()!;
        Assert.Equal([GuardrailAction.Retry, GuardrailAction.Pass], ledger.Guardrails.Select(g => g.Action));
        Assert.Equal(2, ledger.ModelCalls.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_OutputGuardrailStillUnhappyAfterItsRetries_TripsAndLeavesTheAnswerOut(bool streaming)
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("555-0100"), EmulatorReply.Text("555-0101"));
        IChatClient pipeline = harness.Client.AsBuilder()
            .UseToolLoop()
            .UseGuardrails(g =>
            {
                g.OutputGuardrails.Add(NoPhoneNumbers());
                g.MaximumOutputRetries = 1;
            })
            .UseRunLedger()
            .Build();

        ChatResponse response = await Ask(pipeline, "Number?", streaming);

        Assert.DoesNotContain("555", response.Text, StringComparison.Ordinal);
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentRunStatus.GuardrailTripped, outcome.Status);
        Assert.Equal("The answer guardrail \"no_phone_numbers\" tripped: the answer still needs changes after 1 retries (Remove the phone number.)", outcome.Message);
        Assert.Equal(2, response.GetRunLedger()!.ModelCalls.Count);
    }

    [Fact]
    public async Task GetResponseAsync_OutputGuardrailTripsAlone_PutsOutcomeAndLedgerOnTheResponse()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("Our rival sells it cheaper."));
        using var client = new GuardrailChatClient(new RunLedgerChatClient(harness.Client));
        client.OutputGuardrails.Add(Guardrails.Output("no_rivals", (text, _) => new(text.Contains("rival", StringComparison.Ordinal) ? GuardrailVerdict.Trip("mentions a rival") : GuardrailVerdict.Pass)));

        ChatResponse response = await client.GetResponseAsync("Is it cheap?");

        Assert.Empty(response.Messages);
        Assert.Equal("no_rivals", response.GetRunOutcome()!.TrippedGuardrail);
        Assert.Single(response.GetRunLedger()!.ModelCalls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_ToolGuardrails_BlockOneCallChangeAnotherAndRedactAResult(bool streaming)
    {
        await using var harness = new AgentHarness();
        var tools = new TestTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(
                new EmulatorToolCall("get_weather", """{"city":"Area 51"}""", "call_1"),
                new EmulatorToolCall("get_weather", """{"city":"paris"}""", "call_2")),
            EmulatorReply.Text("Done."));
        var options = new DeepInfraAgentOptions { AllowConcurrentInvocation = false };
        options.ToolGuardrails.Add(Guardrails.Tool(
            "places",
            beforeCall: (call, _) => new(call.Arguments?["city"]?.ToString() switch
            {
                "Area 51" => ToolCallVerdict.Block("That place is off limits."),
                "paris" => ToolCallVerdict.ReplaceArguments(new Dictionary<string, object?> { ["city"] = "Paris" }),
                _ => ToolCallVerdict.Allow,
            }),
            afterCall: (_, result, _) => new(ToolResultVerdict.Replace(result?.ToString()?.Replace("18", "[redacted]", StringComparison.Ordinal), "temperatures are private"))));
        ChatClientAgent agent = harness.Agent([tools.Weather], options);

        AgentResponse response = await Run(agent, "Weather?", streaming);

        Assert.Equal(["get_weather(Paris)"], tools.Calls);
        Assert.Equal(
            [("call_1", "That place is off limits."), ("call_2", "Paris: [redacted] °C")],
            harness.ToolMessagesOf(1));
        AgentRunLedger ledger = response.GetRunLedger()!;
        Assert.Equal(
            [(GuardrailStage.ToolCall, GuardrailAction.Block), (GuardrailStage.ToolCall, GuardrailAction.ReplaceArguments), (GuardrailStage.ToolResult, GuardrailAction.ReplaceResult)],
            ledger.Guardrails.Select(g => (g.Stage, g.Action)));
        Assert.Equal([false, true], ledger.ToolCalls.Select(t => t.Succeeded));
        Assert.True(response.GetRunOutcome()!.IsCompleted);
    }

    [Fact]
    public void Verdicts_WithoutReason_Throw()
    {
        Assert.Throws<ArgumentException>(() => GuardrailVerdict.Trip(" "));
        Assert.Throws<ArgumentException>(() => ToolCallVerdict.Block(""));
        Assert.Throws<ArgumentNullException>(() => ToolCallVerdict.ReplaceArguments(null!));
        Assert.Throws<ArgumentException>(() => Guardrails.Input("", (_, _) => new(GuardrailVerdict.Pass)));
    }

    private static IOutputGuardrail NoPhoneNumbers() => Guardrails.Output("no_phone_numbers", (text, _) =>
        new(text.Contains("555", StringComparison.Ordinal) ? GuardrailVerdict.Retry("Remove the phone number.") : GuardrailVerdict.Pass));

    private static async Task<AgentResponse> Run(ChatClientAgent agent, string message, bool streaming) =>
        streaming ? (await agent.RunStreamingAsync(message).ToListAsync()).ToAgentResponse() : await agent.RunAsync(message);

    private static async Task<ChatResponse> Ask(IChatClient pipeline, string message, bool streaming) =>
        streaming ? (await pipeline.GetStreamingResponseAsync(message).ToListAsync()).ToChatResponse() : await pipeline.GetResponseAsync(message);

    /// <summary>A model that never answers, and notes when its call is cancelled.</summary>
    private sealed class HangingModel : IChatClient
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Cancelled { get; private set; }

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Hang(cancellationToken);
            return new ChatResponse();
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Hang(cancellationToken);
            yield break;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private async Task Hang(CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }
    }
}
