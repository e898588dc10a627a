using System;
using Microsoft.Extensions.Logging;
using SkDeepInfra.Agents;

namespace Microsoft.Extensions.AI;

/// <summary>
/// Adds the agent layer's middleware to a <see cref="ChatClientBuilder"/> pipeline, with or without an agent. The order
/// that works: <c>UseToolLoop()</c> (the tool loop and run owner), then <c>UseGuardrails()</c>, then <c>UseStructuredOutputRepair()</c>, then
/// <c>UseRunLedger()</c> (added by the loop anyway when missing), then <c>UseToolCallRecovery()</c>, then the client that
/// talks to the model.
/// </summary>
public static class DeepInfraAgentChatClientBuilderExtensions
{
    /// <summary>Adds a <see cref="ToolLoopChatClient"/>: a budgeted, ledgered tool loop that ends runs with a typed outcome.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/> to take it from the builder's services.</param>
    /// <param name="configure">Sets the loop's options (its <see cref="FunctionInvokingChatClient"/> properties, <see cref="ToolLoopChatClient.Budget"/>…).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ChatClientBuilder UseToolLoop(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null, Action<ToolLoopChatClient>? configure = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        return builder.Use((innerClient, services) =>
        {
            var loop = new ToolLoopChatClient(innerClient, loggerFactory ?? LoggerFactoryFrom(services), services);
            configure?.Invoke(loop);
            return loop;
        });
    }

    /// <summary>Adds a <see cref="RunLedgerChatClient"/>: enforces the run's budget before, and records each model call after.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/> to take it from the builder's services.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ChatClientBuilder UseRunLedger(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        return builder.Use((innerClient, services) => new RunLedgerChatClient(innerClient, loggerFactory ?? LoggerFactoryFrom(services)));
    }

    /// <summary>
    /// Adds a <see cref="RunLedgerChatClient"/> configured by <paramref name="configure"/>, for example with the prices
    /// (<see cref="RunLedgerChatClient.Pricing"/> or <see cref="RunLedgerChatClient.ModelCatalog"/>) that make a cost ceiling hold.
    /// </summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="configure">Sets the ledger's options.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/> to take it from the builder's services.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    public static ChatClientBuilder UseRunLedger(this ChatClientBuilder builder, Action<RunLedgerChatClient> configure, ILoggerFactory? loggerFactory = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        return builder.Use((innerClient, services) =>
        {
            var ledger = new RunLedgerChatClient(innerClient, loggerFactory ?? LoggerFactoryFrom(services));
            configure(ledger);
            return ledger;
        });
    }

    /// <summary>
    /// Adds a <see cref="GuardrailChatClient"/>: input, output and tool guardrails with typed outcomes. Add it after
    /// <c>UseToolLoop()</c> and before <c>UseStructuredOutputRepair()</c> and <c>UseRunLedger()</c>.
    /// </summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="configure">Adds the guardrails and sets the options.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/> to take it from the builder's services.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    public static ChatClientBuilder UseGuardrails(this ChatClientBuilder builder, Action<GuardrailChatClient> configure, ILoggerFactory? loggerFactory = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        return builder.Use((innerClient, services) =>
        {
            var client = new GuardrailChatClient(innerClient, loggerFactory ?? LoggerFactoryFrom(services));
            configure(client);
            return client;
        });
    }

    /// <summary>
    /// Adds a <see cref="StructuredOutputChatClient"/>: validates answers against the request's JSON schema and asks the
    /// model to repair those that break it. Add it after <c>UseToolLoop()</c> and before <c>UseRunLedger()</c>.
    /// </summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/> to take it from the builder's services.</param>
    /// <param name="configure">Sets its options (<see cref="StructuredOutputChatClient.MaximumRepairAttempts"/>…).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ChatClientBuilder UseStructuredOutputRepair(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null, Action<StructuredOutputChatClient>? configure = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        return builder.Use((innerClient, services) =>
        {
            var client = new StructuredOutputChatClient(innerClient, loggerFactory ?? LoggerFactoryFrom(services));
            configure?.Invoke(client);
            return client;
        });
    }

    /// <summary>Adds a <see cref="ToolCallRecoveryChatClient"/>: turns tool calls a model wrote as text into real ones.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/> to take it from the builder's services.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ChatClientBuilder UseToolCallRecovery(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        return builder.Use((innerClient, services) => new ToolCallRecoveryChatClient(innerClient, loggerFactory ?? LoggerFactoryFrom(services)));
    }

    private static ILoggerFactory? LoggerFactoryFrom(IServiceProvider services) => (ILoggerFactory?)services.GetService(typeof(ILoggerFactory));
}
