using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SkDeepInfra.Agents.Orleans;
using SkDeepInfra.Agents.Orleans.Hosting;

namespace Orleans.Hosting;

/// <summary>Hosts DeepInfra agents in an Orleans silo, and reaches them from an Orleans client.</summary>
public static class DeepInfraAgentsSiloBuilderExtensions
{
    /// <summary>
    /// Hosts the conversation, tenant spend and concurrency limiter grains, and registers <see cref="IDeepInfraAgentCluster"/>.
    /// Define agents with <c>services.AddDeepInfraAgent(name, …)</c> over the silo's <c>IChatClient</c>. Storage is
    /// in-memory unless <see cref="DeepInfraAgentClusterOptions.UseInMemoryStorage"/> is turned off and a provider is
    /// registered under <see cref="DeepInfraAgentClusterOptions.StorageName"/>. Orleans' activity propagation is turned on,
    /// so a request's trace flows through the grains.
    /// </summary>
    /// <param name="builder">The silo.</param>
    /// <param name="configure">Sets the options; give every silo the same.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ISiloBuilder AddDeepInfraAgents(this ISiloBuilder builder, Action<DeepInfraAgentClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var options = new DeepInfraAgentClusterOptions();
        configure?.Invoke(options);
        builder.Services.Configure<DeepInfraAgentClusterOptions>(o => configure?.Invoke(o));
        if (options.UseInMemoryStorage)
        {
            builder.AddMemoryGrainStorage(DeepInfraAgentClusterOptions.StorageName);
        }

        builder.AddActivityPropagation();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<AgentCatalog>();
        builder.Services.TryAddSingleton<IDeepInfraAgentCluster, DeepInfraAgentCluster>();
        return builder;
    }

    /// <summary>Registers <see cref="IDeepInfraAgentCluster"/> on an Orleans client of a cluster whose silos host the agents.</summary>
    /// <param name="builder">The client.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IClientBuilder AddDeepInfraAgentsClient(this IClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddActivityPropagation();
        builder.Services.TryAddSingleton<IDeepInfraAgentCluster, DeepInfraAgentCluster>();
        return builder;
    }
}
