using Orleans.TestingHost;

namespace SkDeepInfra.Agents.Orleans.Conversations;

/// <summary>Conversations on a three-silo cluster: continued through different silos, serialized, streamed, approved from anywhere.</summary>
[Collection(ClusterGroup.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    private const string Tenant = "acme";

    [Fact]
    public async Task SendAsync_ContinuedThroughEverySilo_KeepsTheWholeHistory()
    {
        string id = ClusterFixture.NewId();
        var hosts = new List<SiloAddress>();
        async Task SendAndNoteTheHost()
        {
            int n = hosts.Count + 1;
            ConversationReply reply = await fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, $"message {n}");
            Assert.Equal(($"You said: message {n}", n * 2), (reply.Text, reply.MessageCount));
            hosts.Add(fixture.HostOf(Tenant, id)!);
        }

        await SendAndNoteTheHost();
        foreach (InProcessSiloHandle silo in fixture.Cluster.Silos.Where(s => !s.SiloAddress.Equals(hosts[0])))
        {
            await fixture.Cluster.MigrateAsync(fixture.ConversationGrainId(Tenant, id), silo.SiloAddress);
            await SendAndNoteTheHost();
        }

        Assert.Equal(3, hosts.Distinct().Count());
        ConversationSnapshot snapshot = (await fixture.Agents.GetAsync(Tenant, id))!;
        Assert.Equal(
            ["user: message 1", "assistant: You said: message 1", "user: message 2", "assistant: You said: message 2", "user: message 3", "assistant: You said: message 3"],
            snapshot.Messages.Select(m => m.ToString()));
        Assert.Equal(3, snapshot.Runs);
    }

    [Fact]
    public async Task SendAsync_FiftyConcurrentRequests_EachExchangeWholeAndInOrder()
    {
        string id = ClusterFixture.NewId();
        ConversationReply[] replies = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, $"request {i}")));

        Assert.All(replies, r => Assert.Equal(AgentRunStatus.Completed, r.Status));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => i * 2), replies.Select(r => r.MessageCount).Order());
        ConversationSnapshot snapshot = (await fixture.Agents.GetAsync(Tenant, id))!;
        Assert.Equal(100, snapshot.Messages.Count);
        for (int i = 0; i < 100; i += 2)
        {
            Assert.Equal("user", snapshot.Messages[i].Role);
            Assert.Equal("assistant", snapshot.Messages[i + 1].Role);
            Assert.Equal("You said: " + snapshot.Messages[i].Text, snapshot.Messages[i + 1].Text);
        }

        Assert.Equal(50, snapshot.Messages.Where(m => m.Role == "user").Select(m => m.Text).Distinct().Count());
        Assert.Equal(50, snapshot.Runs);
    }

    [Fact]
    public async Task StreamAsync_StreamsTheTextThenTheStoredReply()
    {
        string id = ClusterFixture.NewId();
        var updates = new List<ConversationUpdate>();
        await foreach (ConversationUpdate update in fixture.Agents.StreamAsync(Tenant, id, ClusterFixture.Agent, "stream this please"))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 2);
        Assert.Equal("You said: stream this please", string.Concat(updates.Select(u => u.Text)));
        ConversationReply reply = Assert.Single(updates, u => u.Reply is not null).Reply!;
        Assert.Same(reply, updates[^1].Reply);
        Assert.Equal((AgentRunStatus.Completed, 2), (reply.Status, reply.MessageCount));
        Assert.Equal("The run completed: the model answered without asking for more tools.", reply.OutcomeMessage);
        Assert.StartsWith("1 model call, 0 tool calls (0 failed), ", reply.Ledger, StringComparison.Ordinal);
        ConversationSnapshot snapshot = (await fixture.Agents.GetAsync(Tenant, id))!;
        Assert.Equal(["user: stream this please", "assistant: You said: stream this please"], snapshot.Messages.Select(m => m.ToString()));
    }

    [Fact]
    public async Task AnswerApprovalsAsync_FromAnotherSilo_RunsTheToolAndCompletes()
    {
        string id = ClusterFixture.NewId();
        ConversationReply paused = await fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, "refund order 7341");
        Assert.Equal(AgentRunStatus.AwaitingApproval, paused.Status);
        PendingApproval pending = Assert.Single(paused.PendingApprovals);
        Assert.Equal(("refund_order", """{"order":7341}"""), (pending.ToolName, pending.ArgumentsJson));
        Assert.DoesNotContain(7341, fixture.Refunded);

        // The pause is stored: move the conversation to another silo before answering.
        SiloAddress first = fixture.HostOf(Tenant, id)!;
        SiloAddress other = fixture.Cluster.Silos.Select(s => s.SiloAddress).First(s => !s.Equals(first));
        await fixture.Cluster.MigrateAsync(fixture.ConversationGrainId(Tenant, id), other);
        Assert.Single((await fixture.Agents.GetAsync(Tenant, id))!.PendingApprovals);

        ConversationReply done = await fixture.Agents.AnswerApprovalsAsync(Tenant, id, [new ApprovalDecision(pending.RequestId, approved: true)]);

        Assert.Equal(AgentRunStatus.Completed, done.Status);
        Assert.Equal("Done: Refunded order 7341.", done.Text);
        Assert.Contains(7341, fixture.Refunded);
        Assert.Empty((await fixture.Agents.GetAsync(Tenant, id))!.PendingApprovals);
    }

    [Fact]
    public async Task AnswerApprovalsAsync_UnknownRequest_FailsAndChangesNothing()
    {
        string id = ClusterFixture.NewId();
        await fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, "refund order 88");

        var error = await Assert.ThrowsAsync<ConversationNotFoundException>(() =>
            fixture.Agents.AnswerApprovalsAsync(Tenant, id, [new ApprovalDecision("no-such-request", approved: true)]));

        Assert.Contains("waits for no approval with id 'no-such-request'", error.Message, StringComparison.Ordinal);
        Assert.Single((await fixture.Agents.GetAsync(Tenant, id))!.PendingApprovals);
    }
}
