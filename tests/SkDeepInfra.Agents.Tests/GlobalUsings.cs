global using System.Text.Json;
global using Microsoft.Agents.AI;
global using Microsoft.Extensions.AI;
global using SkDeepInfra.Agents.TestSupport;
global using SkDeepInfra.Testing;
