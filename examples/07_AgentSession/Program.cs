// Shows: human approval of a tool call and a session that survives a restart. The refund tool requires approval, so the
// run pauses with a typed outcome; the session (messages, tool calls and results, pending approval, run ledgers) is saved
// as JSON, restored by a new client and agent as a new process would, approved there, and the conversation goes on. A
// second refund is denied and the model is told so.
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SkDeepInfra;
using SkDeepInfra.Agents;
using SkDeepInfra.Examples;

const string Instructions = "You are a shop's support assistant. Check an order before refunding it. Be brief.";

await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(ShopScript.Install);
string saved = Path.Combine(Path.GetTempPath(), $"skdeepinfra-session-{Environment.ProcessId}.json");

// Process 1: the customer asks; the agent checks the order and wants to refund it, which needs approval.
using (var client = new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options))
{
    ChatClientAgent agent = client.AsDeepInfraToolAgent(Instructions, ShopTools.All);
    AgentSession session = await agent.CreateSessionAsync();
    AgentResponse response = await agent.RunAsync(Customer("Order 1042 arrived broken. Please refund it."), session);
    Report(response);

    await File.WriteAllTextAsync(saved, (await agent.SerializeSessionAsync(session)).GetRawText());
    Console.WriteLine($"Session saved: {new FileInfo(saved).Length} bytes of JSON, {Messages(session).Count} messages, {session.GetRunLedgers().Count} run ledger(s)");
}

// Process 2: a new client and agent restore the session from the JSON alone, and a manager decides.
using (var client = new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options))
{
    ChatClientAgent agent = client.AsDeepInfraToolAgent(Instructions, ShopTools.All);
    using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(saved));
    AgentSession session = await agent.DeserializeSessionAsync(json.RootElement);
    File.Delete(saved);
    Console.WriteLine($"Restored in a new agent: {Messages(session).Count} messages, {session.GetRunLedgers().Count} run ledger(s)");

    Report(await Decide(agent, session, Pending(session), approve: true, reason: null));

    AgentResponse response = await agent.RunAsync(Customer("Thanks! Also refund order 2001, I changed my mind."), session);
    Report(response);
    Report(await Decide(agent, session, response.GetRunOutcome()?.PendingApprovals ?? [], approve: false, reason: "Order 2001 was delivered more than 30 days ago."));

    Console.WriteLine($"Session ledgers: {session.GetRunLedgers().Count} runs");
    foreach (AgentRunLedger ledger in session.GetRunLedgers())
    {
        Console.WriteLine($"  {ledger}");
    }
}

static async Task<AgentResponse?> Decide(ChatClientAgent agent, AgentSession session, IEnumerable<ToolApprovalRequestContent> requests, bool approve, string? reason)
{
    var answers = new List<AIContent>();
    foreach (ToolApprovalRequestContent request in requests)
    {
        var call = (FunctionCallContent)request.ToolCall;
        Console.WriteLine($"{(approve ? "Approved" : "Denied")}: {Describe(call)}{(reason is null ? string.Empty : $" ({reason})")}");
        answers.Add(request.CreateResponse(approve, reason));
    }

    if (answers.Count == 0)
    {
        // Online, the model may have answered without asking for a refund: there is nothing to decide.
        Console.WriteLine("No approval was requested.");
        return null;
    }

    return await agent.RunAsync(new ChatMessage(ChatRole.User, answers), session);
}

static void Report(AgentResponse? response)
{
    if (response is null)
    {
        return;
    }

    AgentRunOutcome? outcome = response.GetRunOutcome();
    if (!string.IsNullOrEmpty(response.Text))
    {
        Console.WriteLine($"Answer: {response.Text}");
    }

    Console.WriteLine($"Outcome: {outcome}");
    foreach (ToolApprovalRequestContent request in outcome?.PendingApprovals ?? [])
    {
        Console.WriteLine($"Approval needed: {Describe((FunctionCallContent)request.ToolCall)}");
    }
}

static string Customer(string text)
{
    Console.WriteLine($"Customer: {text}");
    return text;
}

static string Describe(FunctionCallContent call) =>
    $"{call.Name}({string.Join(", ", (call.Arguments ?? new Dictionary<string, object?>()).Select(a => $"{a.Key}={a.Value}"))})";

static List<ChatMessage> Messages(AgentSession session) =>
    session.TryGetInMemoryChatHistory(out List<ChatMessage>? messages) ? messages! : [];

// The approval requests still waiting in a restored conversation: those no later message answered.
static IEnumerable<ToolApprovalRequestContent> Pending(AgentSession session)
{
    List<AIContent> contents = [.. Messages(session).SelectMany(m => m.Contents)];
    HashSet<string> answered = [.. contents.OfType<FunctionResultContent>().Select(r => r.CallId)];
    return contents.OfType<ToolApprovalRequestContent>().Where(r => !answered.Contains(r.ToolCall.CallId));
}
