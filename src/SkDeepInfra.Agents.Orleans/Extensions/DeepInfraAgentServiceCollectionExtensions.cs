using System;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SkDeepInfra.Agents.Orleans.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Defines, by name, the agents an Orleans silo runs conversations with.</summary>
public static class DeepInfraAgentServiceCollectionExtensions
{
    /// <summary>
    /// Defines an agent by name. Its factory runs once per silo, with the silo's services and its <see cref="IChatClient"/>
    /// (register one, e.g. <c>AddDeepInfraChatClient</c>) already holding the tenant spend gate and the fleet-wide
    /// concurrency limit; build the agent over it, typically with <c>chatClient.AsDeepInfraToolAgent(…)</c>.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="name">The agent's name, as conversations ask for it.</param>
    /// <param name="factory">Builds the agent over the given chat client.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="factory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or whitespace.</exception>
    public static IServiceCollection AddDeepInfraAgent(this IServiceCollection services, string name, Func<IServiceProvider, IChatClient, AIAgent> factory)
    {
        ArgumentNullException.ThrowIfNull(services);

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An agent name is required.", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(factory);

        services.AddSingleton(new AgentRegistration(name, factory));
        return services;
    }
}
