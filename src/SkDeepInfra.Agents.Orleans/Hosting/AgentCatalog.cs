using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using SkDeepInfra.Agents.Orleans.Spend;

namespace SkDeepInfra.Agents.Orleans.Hosting;

/// <summary>
/// The agents this silo can run, by name, each built once from its registration over the silo's <see cref="IChatClient"/>
/// with the tenant spend gate and (unless the client has one) the fleet-wide concurrency limit below the agent's tool loop.
/// </summary>
internal sealed class AgentCatalog(IServiceProvider services, IEnumerable<AgentRegistration> registrations)
{
    private readonly Dictionary<string, AgentRegistration> _registrations = registrations.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<AIAgent>> _agents = new(StringComparer.Ordinal);
    private IChatClient? _chatClient;

    /// <exception cref="ArgumentException">No agent has this name.</exception>
    public AIAgent Get(string name)
    {
        if (!_registrations.TryGetValue(name, out AgentRegistration? registration))
        {
            string known = _registrations.Count == 0 ? "none is registered (AddDeepInfraAgent)" : "known: " + string.Join(", ", _registrations.Keys.Order(StringComparer.Ordinal));
            throw new ArgumentException($"No agent is named '{name}'; {known}.", nameof(name));
        }

        return _agents.GetOrAdd(name, _ => new Lazy<AIAgent>(() => registration.Factory(services, ChatClient()))).Value;
    }

    private IChatClient ChatClient() => _chatClient ??= Wrap(services.GetRequiredService<IChatClient>());

    private TenantSpendChatClient Wrap(IChatClient inner)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        DeepInfraAgentClusterOptions options = services.GetRequiredService<IOptions<DeepInfraAgentClusterOptions>>().Value;
        SiloAddress? silo = services.GetService<ILocalSiloDetails>()?.SiloAddress;
        IChatClient limited = inner.GetService<FleetConcurrencyChatClient>() is null
            ? new FleetConcurrencyChatClient(inner, grains, FleetConcurrencyChatClient.DefaultKeyId, silo)
            : inner;
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<TenantSpendChatClient>();
        return new TenantSpendChatClient(limited, grains, options, silo, logger);
    }
}
