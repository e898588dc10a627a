using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using SkDeepInfra.Agents.Orleans.Conversations;

namespace SkDeepInfra.Agents.Orleans.TestSupport;

/// <summary>
/// Three silos in one process over one emulator, with grain storage shared by all silos (so state outlives a silo). Silos
/// host the "support" agent (a refund tool that needs approval, and a lookup tool) over a DeepInfra client; the test
/// talks to the cluster through an Orleans client, as an app instance would.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    public const string Agent = "support";
    public const string CappedTenant = "capped";
    public const double CappedLimitUsd = 0.001;
    public const int FleetLimit = 8;

    public DeepInfraEmulator Emulator { get; } = new();

    public TrafficHandler Traffic { get; private set; } = null!;

    public ConcurrentDictionary<string, byte[]> Store { get; } = new();

    public StorageFaults Faults { get; } = new();

    public ConcurrentQueue<int> Refunded { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IDeepInfraAgentCluster Agents => Cluster.Client.ServiceProvider.GetRequiredService<IDeepInfraAgentCluster>();

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Emulator.Responder = ScriptedModel.Reply;
        Traffic = new TrafficHandler(Emulator.CreateHandler());
        var http = new HttpClient(Traffic) { BaseAddress = Emulator.Endpoint };
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => ConfigureSilo(silo));
        builder.ConfigureSilo((_, silo) => silo.AddDeepInfraAgents(options =>
        {
            options.UseInMemoryStorage = false;
            options.TenantLimits[CappedTenant] = new TenantSpendLimit(CappedLimitUsd, SpendPeriod.Day);
            options.ModelPrices[Model] = new DeepInfraModelPricing { InputPerMillionTokens = 0.03m, OutputPerMillionTokens = 0.05m };
            options.ConcurrencyLimits[Model] = FleetLimit;
            options.LeaseTimeout = TimeSpan.FromMinutes(5);
        }));
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddKeyedSingleton<IGrainStorage>(DeepInfraAgentClusterOptions.StorageName, (sp, _) => new SharedGrainStorage(Store, sp.GetRequiredService<Serializer>(), Faults));
            host.Services.AddSingleton<IChatClient>(new DeepInfraChatClient(Model, new DeepInfraClientOptions { Endpoint = Emulator.Endpoint, MaxRetries = 0 }, http));
            host.Services.AddDeepInfraAgent(Agent, (sp, chatClient) => chatClient.AsDeepInfraToolAgent("You are a shop's support assistant.", Tools()));
        });
        builder.ConfigureClient(client => client.AddDeepInfraAgentsClient());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        // A cluster whose silos were stopped or killed can wait a long time on its shutdown: bound it.
        try
        {
            await Cluster.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
        }

        await Emulator.DisposeAsync();
        Traffic.Dispose();
    }

    /// <summary>A conversation id no other test uses.</summary>
    public static string NewId() => "c-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Adds to each silo's configuration.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>The silo a conversation is active on, or <see langword="null"/> when it is not active.</summary>
    public SiloAddress? HostOf(string tenantId, string conversationId)
    {
        GrainId id = Grains.GetGrain<IConversationGrain>(ConversationKey.Create(tenantId, conversationId)).GetGrainId();
        return Cluster.TryGetGrainContext(id, out IGrainContext? context) ? context.Address.SiloAddress : null;
    }

    public GrainId ConversationGrainId(string tenantId, string conversationId) =>
        Grains.GetGrain<IConversationGrain>(ConversationKey.Create(tenantId, conversationId)).GetGrainId();

    public Serializer Serializer => Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();

    private AITool[] Tools() =>
    [
        new ApprovalRequiredAIFunction(AIFunctionFactory.Create(
            (int order) =>
            {
                Refunded.Enqueue(order);
                return $"Refunded order {order}.";
            },
            "refund_order",
            "Refunds an order.")),
        AIFunctionFactory.Create((int order) => $"Order {order}: delivered.", "get_order_status", "Gets an order's status."),
    ];
}

[CollectionDefinition(Name)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "three-silo cluster";
}
