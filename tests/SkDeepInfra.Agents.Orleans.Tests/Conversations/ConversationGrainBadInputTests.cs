namespace SkDeepInfra.Agents.Orleans.Conversations;

/// <summary>Unknown agents and conversations, a state of a newer format and a storage outage: clear errors, nothing lost or half-written.</summary>
[Collection(ClusterGroup.Name)]
public sealed class ConversationGrainBadInputTests(ClusterFixture fixture)
{
    private const string Tenant = "acme";

    [Fact]
    public async Task SendAsync_UnknownAgent_ThrowsNamingTheKnownAgents()
    {
        string id = ClusterFixture.NewId();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Agents.SendAsync(Tenant, id, "nobody", "hello"));

        Assert.Equal("No agent is named 'nobody'; known: support. (Parameter 'name')", error.Message);
        Assert.Null(await fixture.Agents.GetAsync(Tenant, id));
    }

    [Fact]
    public async Task SendAsync_BadIds_ThrowBeforeAnyCall()
    {
        int requests = fixture.Traffic.Total;

        Assert.Equal("tenantId", (await Assert.ThrowsAsync<ArgumentException>(() => fixture.Agents.SendAsync("a/b", "c", ClusterFixture.Agent, "hi"))).ParamName);
        Assert.Equal("conversationId", (await Assert.ThrowsAsync<ArgumentException>(() => fixture.Agents.SendAsync(Tenant, " ", ClusterFixture.Agent, "hi"))).ParamName);
        Assert.Equal("conversationId", (await Assert.ThrowsAsync<ArgumentException>(() => fixture.Agents.SendAsync(Tenant, new string('x', 257), ClusterFixture.Agent, "hi"))).ParamName);
        Assert.Equal("message", (await Assert.ThrowsAsync<ArgumentException>(() => fixture.Agents.SendAsync(Tenant, "c", ClusterFixture.Agent, ""))).ParamName);
        Assert.Equal(requests, fixture.Traffic.Total);
    }

    [Fact]
    public async Task SendAsync_OtherAgentThanTheConversations_Throws()
    {
        string id = ClusterFixture.NewId();
        await fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, "first");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Agents.SendAsync(Tenant, id, "other", "second"));

        Assert.StartsWith($"Conversation '{id}' is run by agent 'support', not 'other'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_UnknownConversation_ReturnsNull() =>
        Assert.Null(await fixture.Agents.GetAsync(Tenant, ClusterFixture.NewId()));

    [Fact]
    public async Task AnswerApprovalsAsync_UnknownConversation_ThrowsNotFound()
    {
        string id = ClusterFixture.NewId();

        var error = await Assert.ThrowsAsync<ConversationNotFoundException>(() => fixture.Agents.AnswerApprovalsAsync(Tenant, id, [new ApprovalDecision("r1", approved: true)]));

        Assert.Equal($"Conversation '{id}' does not exist.", error.Message);
    }

    [Fact]
    public async Task SendAsync_StateOfANewerFormat_RefusedAndLeftAsStored()
    {
        string id = ClusterFixture.NewId();
        var newer = new ConversationState { Version = ConversationState.CurrentVersion + 1, AgentName = ClusterFixture.Agent, Session = """{"future":true}""" };
        SharedGrainStorage.Put(fixture.Store, fixture.Serializer, "conversation", fixture.ConversationGrainId(Tenant, id), newer);
        byte[] stored = fixture.Store.Single(e => e.Key.StartsWith("conversation|", StringComparison.Ordinal) && e.Key.Contains(id, StringComparison.Ordinal)).Value;

        var error = await Assert.ThrowsAsync<ConversationStateException>(() => fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, "hello"));

        Assert.Equal($"Conversation '{id}' is stored in format version 2; this version of SkDeepInfra.Agents.Orleans reads up to version 1. Nothing was changed.", error.Message);
        Assert.Equal(stored, fixture.Store.Single(e => e.Key.Contains(id, StringComparison.Ordinal)).Value);
    }

    [Fact]
    public async Task SendAsync_StorageOutage_ThrowsAndTheConversationStaysAsStored()
    {
        string id = ClusterFixture.NewId();
        await fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, "before the outage");

        ConversationStateException error;
        fixture.Faults.FailWrites = true;
        try
        {
            error = await Assert.ThrowsAsync<ConversationStateException>(() => fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, "during the outage"));
        }
        finally
        {
            fixture.Faults.FailWrites = false;
        }

        Assert.Equal(
            $"The run of conversation '{id}' could not be stored (IOException: The storage is unreachable.); the conversation stays as its last stored run left it.",
            error.Message);
        Assert.Equal(["user: before the outage", "assistant: You said: before the outage"], (await fixture.Agents.GetAsync(Tenant, id))!.Messages.Select(m => m.ToString()));

        await fixture.Agents.SendAsync(Tenant, id, ClusterFixture.Agent, "after the outage");
        Assert.Equal(
            ["user: before the outage", "assistant: You said: before the outage", "user: after the outage", "assistant: You said: after the outage"],
            (await fixture.Agents.GetAsync(Tenant, id))!.Messages.Select(m => m.ToString()));
    }
}
