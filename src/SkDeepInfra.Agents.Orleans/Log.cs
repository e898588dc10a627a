using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>The package's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Conversation {Conversation}: run started with agent {Agent}.")]
    public static partial void RunStarted(ILogger logger, string conversation, string agent);

    [LoggerMessage(2, LogLevel.Information, "Conversation {Conversation}: run ended {Status}, {Ledger}; {Messages} messages stored.")]
    public static partial void RunStored(ILogger logger, string conversation, AgentRunStatus status, string ledger, int messages);

    [LoggerMessage(3, LogLevel.Error, "Conversation {Conversation}: the run's state could not be stored; the conversation stays as its last stored run left it.")]
    public static partial void StoreFailed(ILogger logger, System.Exception exception, string conversation);

    [LoggerMessage(4, LogLevel.Warning, "Tenant {Tenant}: a model call needing {Estimate} USD was refused ({Spent} USD spent, {Reserved} USD reserved, limit {Limit} USD).")]
    public static partial void ReservationRefused(ILogger logger, string tenant, double estimate, double spent, double reserved, double limit);

    [LoggerMessage(5, LogLevel.Warning, "Tenant {Tenant}: {Count} reservation(s) of dead or silent silos expired ({Amount} USD released).")]
    public static partial void ReservationsExpired(ILogger logger, string tenant, int count, double amount);

    [LoggerMessage(6, LogLevel.Warning, "Tenant {Tenant}: the spend could not be stored; it is kept in memory and stored with the next settlement.")]
    public static partial void SpendStoreFailed(ILogger logger, System.Exception exception, string tenant);

    [LoggerMessage(7, LogLevel.Warning, "Concurrency limiter {Limiter}: {Count} lease(s) of dead or silent silos expired.")]
    public static partial void LeasesExpired(ILogger logger, string limiter, int count);

    [LoggerMessage(8, LogLevel.Warning, "Tenant {Tenant}: a model call's cost could not be settled; the reservation expires instead.")]
    public static partial void SettleFailed(ILogger logger, System.Exception exception, string tenant);
}
