// Shows: agents that outgrow one machine. An ASP.NET Core minimal API hosts an Orleans silo with the DeepInfra agents
// package: POST /conversations/{id}/messages continues a conversation that any instance can pick up, the tenant comes
// from the caller's API key (X-Api-Key), and one tenant never sees another's conversations. Offline on the emulator with
// in-memory storage by default; --redis localhost:6379 clusters the instances and stores conversations in Redis.
// --demo starts the API, drives it over HTTP (two tenants, one conversation continued, a cross-tenant attempt refused),
// prints what happened and exits.
using System.Net;
using Microsoft.Extensions.AI;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Configuration;
using SkDeepInfra;
using SkDeepInfra.Agents.Orleans;
using SkDeepInfra.Examples;

string? redis = Option(args, "--redis");
bool demo = args.Contains("--demo");
await using ExampleEndpoint endpoint = await ExampleEndpoint.StartAsync(ShopModel.Install);

// One API key per tenant; in a real app the identity comes from your authentication.
var tenantsByKey = new Dictionary<string, string> { ["key-acme"] = "acme", ["key-globex"] = "globex" };

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
builder.WebHost.UseUrls(Option(args, "--urls") ?? "http://127.0.0.1:0");
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddSingleton<IChatClient>(new DeepInfraChatClient(ExampleEndpoint.Model, endpoint.Options));
builder.Services.AddDeepInfraAgent("support", (_, chatClient) => chatClient.AsDeepInfraToolAgent(ShopModel.Instructions, ShopModel.Tools));
builder.UseOrleans(silo =>
{
    if (redis is null)
    {
        silo.UseLocalhostClustering(FreePort(), FreePort());
    }
    else
    {
        silo.UseRedisClustering(redis);
        silo.AddRedisGrainStorage(DeepInfraAgentClusterOptions.StorageName, storage => storage.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
        silo.Configure<EndpointOptions>(ports => (ports.SiloPort, ports.GatewayPort, ports.AdvertisedIPAddress) = (FreePort(), FreePort(), IPAddress.Loopback));
    }

    silo.AddDeepInfraAgents(agents =>
    {
        agents.UseInMemoryStorage = redis is null;
        agents.TenantLimits["acme"] = new TenantSpendLimit(5.00, SpendPeriod.Month);
        agents.TenantLimits["globex"] = new TenantSpendLimit(1.00, SpendPeriod.Day);
    });
});

WebApplication app = builder.Build();
RouteGroupBuilder conversations = app.MapGroup("/conversations").AddEndpointFilter(async (context, next) =>
    Tenant(context.HttpContext) is null ? Results.Unauthorized() : await next(context));
conversations.MapPost("/{id}/messages", (string id, MessageRequest request, HttpContext http, IDeepInfraAgentCluster agents) =>
    agents.SendAsync(Tenant(http)!, id, "support", request.Text, http.RequestAborted));
conversations.MapGet("/{id}", async (string id, HttpContext http, IDeepInfraAgentCluster agents) =>
    await agents.GetAsync(Tenant(http)!, id, http.RequestAborted) is { } conversation ? Results.Ok(conversation) : Results.NotFound());
conversations.MapPost("/{id}/approvals", async (string id, ApprovalDecision[] decisions, HttpContext http, IDeepInfraAgentCluster agents) =>
{
    try
    {
        return Results.Ok(await agents.AnswerApprovalsAsync(Tenant(http)!, id, decisions, http.RequestAborted));
    }
    catch (ConversationNotFoundException)
    {
        return Results.NotFound();
    }
});
app.MapGet("/spend", async (HttpContext http, IDeepInfraAgentCluster agents) =>
    Tenant(http) is { } tenant ? Results.Ok(await agents.GetTenantSpendAsync(tenant)) : Results.Unauthorized());

if (!demo)
{
    await app.StartAsync();
    Console.WriteLine($"Listening on {Address(app)} ({(redis is null ? "localhost cluster, in-memory storage" : $"Redis cluster and storage at {redis}")}); Ctrl+C stops.");
    await app.WaitForShutdownAsync();
    return;
}

await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };
Console.WriteLine($"API on {http.BaseAddress} with a silo inside ({(redis is null ? "in-memory storage" : "Redis")})");

ConversationReply first = await Post("key-acme", "order-1042", "Where is my order 1042?");
Console.WriteLine($"acme   -> order-1042: {first.Text} [{first.Status}, {first.MessageCount} messages]");
ConversationReply second = await Post("key-acme", "order-1042", "Thanks! Can you refund order 1042?");
Console.WriteLine($"acme   -> order-1042: {second.Status}: waiting for approval of {string.Join(", ", second.PendingApprovals)}");
ConversationReply approved = await (await http.SendAsync(Request(HttpMethod.Post, "key-acme", "/conversations/order-1042/approvals",
    second.PendingApprovals.Select(p => new { p.RequestId, Approved = true }).ToArray()))).Content.ReadFromJsonAsync<ConversationReply>(Json())
    ?? throw new InvalidOperationException("No reply.");
Console.WriteLine($"acme   -> approved: {approved.Text} [{approved.Status}, {approved.MessageCount} messages]");

ConversationReply other = await Post("key-globex", "welcome", "Hello from globex.");
Console.WriteLine($"globex -> welcome: {other.Text} [{other.Status}, {other.MessageCount} messages]");
HttpResponseMessage peek = await http.SendAsync(Request(HttpMethod.Get, "key-globex", "/conversations/order-1042"));
HttpResponseMessage answer = await http.SendAsync(Request(HttpMethod.Post, "key-globex", "/conversations/order-1042/approvals", new[] { new { RequestId = "guessed", Approved = true } }));
HttpResponseMessage anonymous = await http.SendAsync(Request(HttpMethod.Get, "no-such-key", "/conversations/order-1042"));
Console.WriteLine($"globex reads acme's order-1042: {(int)peek.StatusCode} {peek.StatusCode}; answers its approvals: {(int)answer.StatusCode} {answer.StatusCode}; an unknown key: {(int)anonymous.StatusCode} {anonymous.StatusCode}");

ConversationSnapshot conversation = (await (await http.SendAsync(Request(HttpMethod.Get, "key-acme", "/conversations/order-1042"))).Content.ReadFromJsonAsync<ConversationSnapshot>(Json()))!;
Console.WriteLine($"acme's order-1042 as stored: {conversation.Messages.Count} messages, {conversation.Runs} runs, {conversation.PendingApprovals.Count} pending approvals");
foreach (ConversationMessage message in conversation.Messages)
{
    Console.WriteLine($"  {message}");
}

TenantSpendSnapshot spend = (await (await http.SendAsync(Request(HttpMethod.Get, "key-acme", "/spend"))).Content.ReadFromJsonAsync<TenantSpendSnapshot>(Json()))!;
Console.WriteLine($"Spend: {spend}");
await app.StopAsync();

async Task<ConversationReply> Post(string key, string id, string text)
{
    Console.WriteLine($"POST /conversations/{id}/messages as {tenantsByKey[key]}: {text}");
    HttpResponseMessage response = await http.SendAsync(Request(HttpMethod.Post, key, $"/conversations/{id}/messages", new MessageRequest(text)));
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<ConversationReply>(Json()))!;
}

string? Tenant(HttpContext context) =>
    context.Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key && tenantsByKey.TryGetValue(key, out string? tenant) ? tenant : null;

static HttpRequestMessage Request(HttpMethod method, string key, string path, object? body = null)
{
    var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
    request.Headers.Add("X-Api-Key", key);
    return request;
}

static System.Text.Json.JsonSerializerOptions Json() => new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

static string? Option(string[] args, string name) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed record MessageRequest(string Text);
