global using Microsoft.Agents.AI;
global using Microsoft.Extensions.AI;
global using Microsoft.Extensions.DependencyInjection;
global using SkDeepInfra.Agents.Orleans.TestSupport;
global using SkDeepInfra.Testing;
