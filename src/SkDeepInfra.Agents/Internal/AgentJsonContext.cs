using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Agents.Internal;

/// <summary>Source-generated JSON for what the agent layer keeps in a session: the ledger of each run.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<AgentRunLedger>))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
