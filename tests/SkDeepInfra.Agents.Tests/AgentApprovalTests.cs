namespace SkDeepInfra.Agents;

/// <summary>Tools that require approval pause the run with a typed outcome; approving or denying resumes it.</summary>
public sealed class AgentApprovalTests
{
    [Fact]
    public async Task RunAsync_ApprovalRequiredTool_PausesWithThePendingRequest()
    {
        await using var harness = new AgentHarness();
        var tools = new RefundTools();
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", """{"order":42}""", "call_r")));
        ChatClientAgent agent = harness.Agent(tools.All);

        AgentResponse response = await agent.RunAsync("Refund order 42.", await agent.CreateSessionAsync());

        Assert.Empty(tools.Refunded);
        AgentRunOutcome outcome = response.GetRunOutcome()!;
        Assert.Equal(AgentRunStatus.AwaitingApproval, outcome.Status);
        Assert.Equal("The run is waiting for approval of 1 tool call: refund_order.", outcome.Message);
        ToolApprovalRequestContent request = Assert.Single(outcome.PendingApprovals);
        Assert.Equal(("call_r", "refund_order"), (request.ToolCall.CallId, ((FunctionCallContent)request.ToolCall).Name));
        Assert.Contains(response.Messages.SelectMany(m => m.Contents), c => c is ToolApprovalRequestContent r && r.RequestId == request.RequestId);
    }

    [Fact]
    public async Task RunAsync_Approved_ToolRunsAndTheRunCompletes()
    {
        await using var harness = new AgentHarness();
        var tools = new RefundTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", """{"order":42}""", "call_r")),
            EmulatorReply.Text("Order 42 is refunded."));
        ChatClientAgent agent = harness.Agent(tools.All);
        AgentSession session = await agent.CreateSessionAsync();
        ToolApprovalRequestContent request = (await agent.RunAsync("Refund order 42.", session)).GetRunOutcome()!.PendingApprovals[0];

        AgentResponse response = await agent.RunAsync(new ChatMessage(ChatRole.User, [request.CreateResponse(approved: true)]), session);

        Assert.Equal([42], tools.Refunded);
        Assert.Equal([("call_r", "Refunded order 42.")], harness.ToolMessagesOf(1));
        Assert.Equal(["system", "user", "assistant", "tool"], AgentHarness.Roles(harness.MessagesOf(1)));
        Assert.True(response.GetRunOutcome()!.IsCompleted);
        Assert.Equal("Order 42 is refunded.", response.Text);
        ToolCallRecord refund = Assert.Single(response.GetRunLedger()!.ToolCalls);
        Assert.Equal((0, "refund_order", true), (refund.ModelCall, refund.Name, refund.Succeeded));
    }

    [Fact]
    public async Task RunAsync_Denied_ModelHearsTheRejectionAndTheToolNeverRuns()
    {
        await using var harness = new AgentHarness();
        var tools = new RefundTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", """{"order":42}""", "call_r")),
            EmulatorReply.Text("I could not refund order 42."));
        ChatClientAgent agent = harness.Agent(tools.All);
        AgentSession session = await agent.CreateSessionAsync();
        ToolApprovalRequestContent request = (await agent.RunAsync("Refund order 42.", session)).GetRunOutcome()!.PendingApprovals[0];

        AgentResponse response = await agent.RunAsync(new ChatMessage(ChatRole.User, [request.CreateResponse(approved: false, "Refunds need a manager.")]), session);

        Assert.Empty(tools.Refunded);
        (string callId, string content) = Assert.Single(harness.ToolMessagesOf(1));
        Assert.Equal("call_r", callId);
        Assert.Equal("Tool call invocation was rejected by the approver and must not be retried. Refunds need a manager.", content);
        Assert.True(response.GetRunOutcome()!.IsCompleted);
        Assert.Equal("I could not refund order 42.", response.Text);
    }

    [Fact]
    public async Task RunStreamingAsync_ApprovalRequiredTool_LastUpdateSaysAwaitingApproval()
    {
        await using var harness = new AgentHarness();
        var tools = new RefundTools();
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", """{"order":7}""", "call_r")));
        ChatClientAgent agent = harness.Agent(tools.All);

        List<AgentResponseUpdate> updates = await agent.RunStreamingAsync("Refund order 7.").ToListAsync();

        Assert.Empty(tools.Refunded);
        Assert.Contains(updates, u => u.Contents.OfType<ToolApprovalRequestContent>().Any());
        AgentRunOutcome outcome = updates[^1].GetRunOutcome()!;
        Assert.Equal(AgentRunStatus.AwaitingApproval, outcome.Status);
        Assert.Equal("call_r", outcome.PendingApprovals.Single().ToolCall.CallId);
    }

    [Fact]
    public async Task RunAsync_ApprovalAndFreeCallTogether_OutcomeListsOnlyWhatTheAgentAsksAndBothRunOnApproval()
    {
        await using var harness = new AgentHarness();
        var tools = new RefundTools();
        harness.Emulator.Enqueue(
            EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", """{"order":42}""", "call_r"), new EmulatorToolCall("get_order_status", """{"order":42}""", "call_s")),
            EmulatorReply.Text("Order 42 is refunded."));
        ChatClientAgent agent = harness.Agent(tools.All);
        AgentSession session = await agent.CreateSessionAsync();

        AgentResponse paused = await agent.RunAsync("Refund order 42.", session);
        ToolApprovalRequestContent request = Assert.Single(paused.GetRunOutcome()!.PendingApprovals);
        AgentResponse resumed = await agent.RunAsync(new ChatMessage(ChatRole.User, [request.CreateResponse(approved: true)]), session);

        Assert.Equal("call_r", request.ToolCall.CallId);
        Assert.Equal("The run is waiting for approval of 1 tool call: refund_order.", paused.GetRunOutcome()!.Message);
        Assert.Equal([42], tools.Refunded);
        Assert.Equal([("call_r", "Refunded order 42."), ("call_s", "Order 42: delivered.")], harness.ToolMessagesOf(1));
        Assert.True(resumed.GetRunOutcome()!.IsCompleted);
        Assert.Equal(2, resumed.GetRunLedger()!.ToolCalls.Count);
    }
}
