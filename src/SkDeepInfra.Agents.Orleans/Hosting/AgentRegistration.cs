using System;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Orleans.Hosting;

/// <summary>An agent defined by name on the silo: its factory gets the silo's services and the fleet-limited chat client.</summary>
internal sealed class AgentRegistration(string name, Func<IServiceProvider, IChatClient, AIAgent> factory)
{
    public string Name { get; } = name;

    public Func<IServiceProvider, IChatClient, AIAgent> Factory { get; } = factory;
}
