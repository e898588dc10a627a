using System.Collections.Generic;
using Microsoft.Agents.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>The ledger of each run of an agent session, kept in its state bag so it is serialised with the session.</summary>
internal static class SessionLedgers
{
    public static IReadOnlyList<AgentRunLedger> Read(AgentSession session) =>
        session.StateBag.TryGetValue(AgentRunPropertyNames.SessionLedgers, out List<AgentRunLedger>? ledgers, AgentJsonContext.Default.Options) && ledgers is not null
            ? ledgers
            : [];

    public static void Append(AgentSession session, AgentRunLedger ledger)
    {
        List<AgentRunLedger> ledgers = [.. Read(session), ledger];
        session.StateBag.SetValue(AgentRunPropertyNames.SessionLedgers, ledgers, AgentJsonContext.Default.Options);
    }
}
