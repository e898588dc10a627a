using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Agents.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using SkDeepInfra.Agents;
using SkDeepInfra.Agents.Internal;

namespace Microsoft.Extensions.AI;

/// <summary>Creates Microsoft Agent Framework agents that use tools safely and cheaply over a DeepInfra (or any) chat client.</summary>
public static class DeepInfraAgentChatClientExtensions
{
    /// <summary>
    /// Creates a tool-using agent: a <see cref="ChatClientAgent"/> over the pipeline <see cref="ToolLoopChatClient"/> →
    /// <see cref="GuardrailChatClient"/> (when guardrails are set) → <see cref="StructuredOutputChatClient"/> → <see cref="RunLedgerChatClient"/> → <see cref="ToolCallRecoveryChatClient"/> → <paramref name="chatClient"/>. Runs are
    /// budgeted, ledgered and end with an <see cref="AgentRunOutcome"/>; <c>RunAsync</c>, <c>RunStreamingAsync</c>,
    /// sessions, approvals and workflows work as for any agent.
    /// </summary>
    /// <param name="chatClient">The client that talks to the model, typically a <c>DeepInfraChatClient</c>, without a tool loop of its own.</param>
    /// <param name="instructions">The system instructions of every run.</param>
    /// <param name="tools">The tools: <see cref="AIFunction"/>s (wrap one in <see cref="ApprovalRequiredAIFunction"/> to require approval) and Semantic
    /// Kernel <see cref="KernelFunction"/>s (run through <see cref="DeepInfraAgentOptions.Kernel"/>, or an empty kernel when it is not set).</param>
    /// <param name="options">Budget, limits and the rest; <see langword="null"/> for the defaults.</param>
    /// <param name="loggerFactory">Logs the agent, the loop, each model and tool call, and each run's totals.</param>
    /// <param name="services">Services for the agent and the tools.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chatClient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="chatClient"/> already contains a <see cref="FunctionInvokingChatClient"/>.</exception>
    public static ChatClientAgent AsDeepInfraToolAgent(
        this IChatClient chatClient,
        string? instructions = null,
        IEnumerable<AITool>? tools = null,
        DeepInfraAgentOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        IServiceProvider? services = null)
    {
        if (chatClient is null)
        {
            throw new ArgumentNullException(nameof(chatClient));
        }

        if (chatClient.GetService<FunctionInvokingChatClient>() is not null)
        {
            throw new ArgumentException("The chat client already has a tool loop (a FunctionInvokingChatClient); pass the client below it.", nameof(chatClient));
        }

        options ??= new DeepInfraAgentOptions();
        ChatClientBuilder builder = chatClient.AsBuilder()
            .UseToolLoop(loggerFactory, loop =>
            {
                loop.Budget = options.Budget;
                loop.MaximumIterationsPerRequest = options.MaximumIterationsPerRequest;
                loop.MaximumConsecutiveErrorsPerRequest = options.MaximumConsecutiveErrorsPerRequest;
                loop.AllowConcurrentInvocation = options.AllowConcurrentInvocation;
                loop.IncludeDetailedErrors = options.IncludeDetailedErrors;
                loop.ValidateToolArguments = options.ValidateToolArguments;
            });
        if (options.InputGuardrails.Count > 0 || options.OutputGuardrails.Count > 0 || options.ToolGuardrails.Count > 0)
        {
            builder.UseGuardrails(
                guardrails =>
                {
                    Add(guardrails.InputGuardrails, options.InputGuardrails);
                    Add(guardrails.OutputGuardrails, options.OutputGuardrails);
                    Add(guardrails.ToolGuardrails, options.ToolGuardrails);
                    guardrails.RunInputGuardrailsInParallel = options.RunInputGuardrailsInParallel;
                },
                loggerFactory);
        }

        builder
            .UseStructuredOutputRepair(loggerFactory, structured =>
            {
                structured.MaximumRepairAttempts = options.MaximumStructuredOutputRepairs;
                structured.UseJsonSchemaResponseFormat = options.UseJsonSchemaResponseFormat;
            })
            .UseRunLedger(
                ledger =>
                {
                    ledger.Pricing = options.Pricing;
                    ledger.ModelCatalog = options.ModelCatalog;
                    ledger.TokenEstimator = options.TokenEstimator ?? ConservativeTokenEstimator.Instance;
                },
                loggerFactory);
        if (options.RecoverTextToolCalls)
        {
            builder.UseToolCallRecovery(loggerFactory);
        }

        var agentOptions = new ChatClientAgentOptions
        {
            Name = options.Name,
            Description = options.Description,
            ChatOptions = CreateChatOptions(instructions, tools, options),
        };
        return new ChatClientAgent(builder.Build(services), agentOptions, loggerFactory, services);
    }

    private static void Add<T>(IList<T> target, IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            target.Add(item);
        }
    }

    private static ChatOptions CreateChatOptions(string? instructions, IEnumerable<AITool>? tools, DeepInfraAgentOptions options)
    {
        ChatOptions chatOptions = options.ChatOptions?.Clone() ?? new ChatOptions();
        if (instructions is not null)
        {
            chatOptions.Instructions = instructions;
        }

        // A KernelFunction needs a kernel to run: bind each to the options' kernel (its services and filters apply) or an empty one.
        Kernel? kernel = options.Kernel;
        List<AITool> all = [.. chatOptions.Tools ?? [], .. tools ?? []];
        for (int i = 0; i < all.Count; i++)
        {
            if (all[i] is KernelFunction function)
            {
                all[i] = new KernelBoundFunction(function, kernel ??= new Kernel());
            }
        }

        if (options.Kernel is { } pluginKernel)
        {
            all.AddRange(pluginKernel.Plugins.SelectMany(plugin => plugin.Select(function => new KernelBoundFunction(function, pluginKernel))));
        }

        chatOptions.Tools = all.Count > 0 ? all : null;
        return chatOptions;
    }
}
