using System.Text.Json.Serialization;
using Moq;

namespace SkDeepInfra.Agents;

/// <summary>
/// Structured output that repairs itself: fences stripped, answers validated against the schema, problems sent back for
/// another try, every attempt in the ledger, and a typed outcome when the model never gets it right.
/// </summary>
public sealed class StructuredOutputChatClientTests
{
    private const string Valid = """{"city":"Paris","high":18,"sky":"Sunny"}""";

    [JsonConverter(typeof(JsonStringEnumConverter<Sky>))]
    public enum Sky
    {
        Sunny,
        Cloudy,
    }

    [Fact]
    public async Task RunAsyncOfT_AgentGetsOneFencedAnswerMissingAField_RepairsItAndReturnsTheResult()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.Text("```json\n{\"city\":\"Paris\",\"sky\":\"Sunny\"}\n```").WithUsage(50, 10),
            EmulatorReply.Text("```json\n" + Valid + "\n```").WithUsage(90, 12));
        ChatClientAgent agent = harness.Agent([]);

        AgentResponse<Forecast> response = await agent.RunAsync<Forecast>("Forecast for Paris?");

        Assert.Equal(("Paris", 18, Sky.Sunny), (response.Result.City, response.Result.High, response.Result.Sky));
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal("json_schema", harness.Requests[0].Json.GetProperty("response_format").GetProperty("type").GetString());
        JsonElement feedback = harness.MessagesOf(1)[^1];
        Assert.Equal("user", feedback.GetProperty("role").GetString());
        Assert.Equal(
            "Your answer does not match the required JSON schema: missing required property \"high\". Reply again with only the corrected JSON value, without code fences or comments.",
            feedback.GetProperty("content").GetString());
        Assert.True(response.GetRunOutcome()!.IsCompleted);
        Assert.Equal(2, response.GetRunLedger()!.ModelCalls.Count);
        Assert.Equal(Valid, response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsyncOfT_TwoBadAnswers_RepairsOnTheThird(bool streaming)
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.Text("{\"city\": \"Paris\", \"high\": 18,"),
            EmulatorReply.Text("""{"city":"Paris","high":18,"sky":"Foggy"}"""),
            EmulatorReply.Text(Valid));
        IChatClient pipeline = harness.Client.AsBuilder().UseToolLoop().UseStructuredOutputRepair().UseRunLedger().Build();

        (Forecast? result, AgentRunOutcome outcome, AgentRunLedger ledger) = await Ask(pipeline, streaming);

        Assert.Equal("Paris", result!.City);
        Assert.True(outcome.IsCompleted);
        Assert.Equal(3, ledger.ModelCalls.Count);
        Assert.StartsWith("Your answer does not match the required JSON schema: the answer is not valid JSON (", harness.MessagesOf(1)[^1].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            "Your answer does not match the required JSON schema: property \"sky\" must be one of \"Sunny\", \"Cloudy\". Reply again with only the corrected JSON value, without code fences or comments.",
            harness.MessagesOf(2)[^1].GetProperty("content").GetString());
        Assert.Equal(["user", "assistant", "user", "assistant", "user"], AgentHarness.Roles(harness.MessagesOf(2)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsyncOfT_EveryAnswerBad_EndsWithInvalidStructuredOutputInsteadOfThrowing(bool streaming)
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(
            EmulatorReply.Text("I think it will be sunny.").WithUsage(40, 6),
            EmulatorReply.Text("""{"city":"Paris"}""").WithUsage(60, 5),
            EmulatorReply.Text("""{"city":"Paris","high":"warm","sky":"Sunny"}""").WithUsage(80, 9));
        IChatClient pipeline = harness.Client.AsBuilder().UseToolLoop().UseStructuredOutputRepair().UseRunLedger().Build();

        (Forecast? result, AgentRunOutcome outcome, AgentRunLedger ledger) = await Ask(pipeline, streaming);

        Assert.Null(result);
        Assert.Equal(AgentRunStatus.InvalidStructuredOutput, outcome.Status);
        Assert.Equal("property \"high\" must be an integer, not the string \"warm\"", outcome.ValidationErrors);
        Assert.Equal(
            "The run stopped after 3 answers that do not match the response's JSON schema; the last one: property \"high\" must be an integer, not the string \"warm\".",
            outcome.Message);
        Assert.Equal(3, ledger.ModelCalls.Count);
        Assert.Equal(200, ledger.TotalTokens);
    }

    [Fact]
    public async Task GetResponseAsync_MiddlewareAloneWithJsonObjectMode_SendsTheSchemaInTheInstructionsAndKeepsTheLedger()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("""{"city":"Paris"}""").WithUsage(40, 6), EmulatorReply.Text(Valid).WithUsage(70, 9));
        using var client = new StructuredOutputChatClient(new RunLedgerChatClient(harness.Client)) { UseJsonSchemaResponseFormat = false };

        ChatResponse<Forecast> response = await client.GetResponseAsync<Forecast>("Forecast for Paris?");

        Assert.Equal(18, response.Result.High);
        Assert.Equal("json_object", harness.Requests[0].Json.GetProperty("response_format").GetProperty("type").GetString());
        string system = harness.MessagesOf(0)[0].GetProperty("content").GetString()!;
        Assert.StartsWith("Respond with only a JSON value (no code fences, no comments) that matches this JSON schema:\n{", system, StringComparison.Ordinal);
        Assert.Contains("\"sky\"", system, StringComparison.Ordinal);
        Assert.Equal(2, response.GetRunLedger()!.ModelCalls.Count);
        Assert.Equal(125, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_BudgetRefusesTheRepair_KeepsTheLastAnswerAndReportsTheBudget()
    {
        await using var harness = new AgentHarness();
        harness.Emulator.Enqueue(EmulatorReply.Text("""{"city":"Paris"}"""), EmulatorReply.Text("never sent"));
        IChatClient pipeline = harness.Client.AsBuilder()
            .UseToolLoop(configure: loop => loop.Budget = new AgentBudget { MaxModelCalls = 1 })
            .UseStructuredOutputRepair()
            .UseRunLedger()
            .Build();

        ChatResponse<Forecast> response = await pipeline.GetResponseAsync<Forecast>("Forecast for Paris?");

        Assert.Single(harness.Requests);
        Assert.Equal("""{"city":"Paris"}""", response.Text);
        Assert.Equal(AgentBudgetKind.ModelCalls, response.GetRunOutcome()!.ExceededBudget);
    }

    [Fact]
    public void MaximumRepairAttempts_OutOfRange_Throws()
    {
        using var client = new StructuredOutputChatClient(new Mock<IChatClient>().Object);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.MaximumRepairAttempts = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.MaximumRepairAttempts = 11);
    }

    private static async Task<(Forecast? Result, AgentRunOutcome Outcome, AgentRunLedger Ledger)> Ask(IChatClient pipeline, bool streaming)
    {
        if (!streaming)
        {
            ChatResponse<Forecast> response = await pipeline.GetResponseAsync<Forecast>("Forecast for Paris?");
            return (response.TryGetResult(out Forecast? result) ? result : null, response.GetRunOutcome()!, response.GetRunLedger()!);
        }

        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema<Forecast>(AIJsonUtilities.DefaultOptions) };
        ChatResponse streamed = (await pipeline.GetStreamingResponseAsync("Forecast for Paris?", options).ToListAsync()).ToChatResponse();
        Forecast? parsed = streamed.GetRunOutcome()!.IsCompleted ? JsonSerializer.Deserialize<Forecast>(streamed.Text, AIJsonUtilities.DefaultOptions) : null;
        return (parsed, streamed.GetRunOutcome()!, streamed.GetRunLedger()!);
    }

    public sealed class Forecast
    {
        public required string City { get; init; }

        public required int High { get; init; }

        public required Sky Sky { get; init; }
    }
}
