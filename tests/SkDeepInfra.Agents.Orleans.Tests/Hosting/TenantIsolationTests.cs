namespace SkDeepInfra.Agents.Orleans.Hosting;

/// <summary>One tenant can never read, continue or answer an approval of another's conversation; a guessed id looks like one that does not exist.</summary>
[Collection(ClusterGroup.Name)]
public sealed class TenantIsolationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GetAsync_AnotherTenantsConversation_SameAnswerAsNone()
    {
        string id = ClusterFixture.NewId();
        await fixture.Agents.SendAsync("tenant-a", id, ClusterFixture.Agent, "a secret of tenant a");

        Assert.Null(await fixture.Agents.GetAsync("tenant-b", id));
        Assert.Null(await fixture.Agents.GetAsync("tenant-b", ClusterFixture.NewId()));
    }

    [Fact]
    public async Task SendAsync_AnotherTenantsConversationId_StartsItsOwnAndLeavesTheOtherUntouched()
    {
        string id = ClusterFixture.NewId();
        await fixture.Agents.SendAsync("tenant-a", id, ClusterFixture.Agent, "a secret of tenant a");

        ConversationReply reply = await fixture.Agents.SendAsync("tenant-b", id, ClusterFixture.Agent, "what did they say?");

        Assert.Equal(("You said: what did they say?", 2), (reply.Text, reply.MessageCount));
        Assert.Equal(["user: a secret of tenant a", "assistant: You said: a secret of tenant a"], (await fixture.Agents.GetAsync("tenant-a", id))!.Messages.Select(m => m.ToString()));
    }

    [Fact]
    public async Task AnswerApprovalsAsync_AnotherTenantsApproval_SameErrorAsNoConversation()
    {
        string id = ClusterFixture.NewId();
        PendingApproval pending = (await fixture.Agents.SendAsync("tenant-a", id, ClusterFixture.Agent, "refund order 5150")).PendingApprovals.Single();
        string missing = ClusterFixture.NewId();

        var cross = await Assert.ThrowsAsync<ConversationNotFoundException>(() =>
            fixture.Agents.AnswerApprovalsAsync("tenant-b", id, [new ApprovalDecision(pending.RequestId, approved: true)]));
        var none = await Assert.ThrowsAsync<ConversationNotFoundException>(() =>
            fixture.Agents.AnswerApprovalsAsync("tenant-b", missing, [new ApprovalDecision(pending.RequestId, approved: true)]));

        Assert.Equal(none.Message.Replace(missing, id, StringComparison.Ordinal), cross.Message);
        Assert.DoesNotContain(5150, fixture.Refunded);
        Assert.Single((await fixture.Agents.GetAsync("tenant-a", id))!.PendingApprovals);
    }
}
