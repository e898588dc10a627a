using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents.Orleans.Spend;

/// <summary>
/// Below an agent's run ledger: before each model call reserves its estimate from the tenant's limit (the tenant comes
/// in the request's options from the conversation grain), after it settles DeepInfra's <c>estimated_cost</c>. A call
/// that cannot reserve is not sent: the run ends with <see cref="AgentRunStatus.BudgetExceeded"/> naming the tenant limit.
/// </summary>
internal sealed class TenantSpendChatClient(IChatClient innerClient, IGrainFactory grains, DeepInfraAgentClusterOptions options, SiloAddress? silo, ILogger logger)
    : DelegatingChatClient(innerClient)
{
    /// <summary>The options key that carries the tenant of a run; taken out before the request goes on.</summary>
    public const string TenantKey = "skdeepinfra.tenant";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (string? tenant, ChatOptions? requestOptions) = TakeTenant(options);
        if (tenant is null)
        {
            return await base.GetResponseAsync(messages, requestOptions, cancellationToken);
        }

        (ITenantSpendGrain Grain, Guid Id, double Estimate)? reservation = await ReserveAsync(tenant, messages, requestOptions);
        if (reservation is not { } held)
        {
            return new ChatResponse(new List<ChatMessage>());
        }

        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, requestOptions, cancellationToken);
        }
        catch
        {
            // A refused or failed request is not billed: the reservation goes, nothing is spent.
            await SettleAsync(tenant, held, 0, sent: false);
            throw;
        }

        await SettleAsync(tenant, held, ModelCallMeter.ReadCost(response.AdditionalProperties) ?? held.Estimate, sent: true);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (string? tenant, ChatOptions? requestOptions) = TakeTenant(options);
        if (tenant is null)
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, requestOptions, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        (ITenantSpendGrain Grain, Guid Id, double Estimate)? reservation = await ReserveAsync(tenant, messages, requestOptions);
        if (reservation is not { } held)
        {
            yield break;
        }

        var meter = new ModelCallMeter();
        bool ended = false;
        try
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, requestOptions, cancellationToken))
            {
                meter.Observe(update);
                yield return update;
            }

            ended = true;
        }
        finally
        {
            // A stream cut short was billed for what it produced, which is unknown: it settles at its estimate.
            await SettleAsync(tenant, held, (ended ? meter.EstimatedCost : null) ?? held.Estimate, sent: true);
        }
    }

    private static (string? Tenant, ChatOptions? Options) TakeTenant(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.TryGetValue(TenantKey, out string? tenant))
        {
            return (null, options);
        }

        ChatOptions copy = options.Clone();
        copy.AdditionalProperties!.Remove(TenantKey);
        return (tenant, copy);
    }

    /// <returns>The reservation, or <see langword="null"/> when the tenant's limit refused it and the run was stopped.</returns>
    private async Task<(ITenantSpendGrain, Guid, double)?> ReserveAsync(string tenant, IEnumerable<ChatMessage> messages, ChatOptions? requestOptions)
    {
        var grain = grains.GetGrain<ITenantSpendGrain>(tenant);
        string? model = requestOptions?.ModelId ?? this.GetService<ChatClientMetadata>()?.DefaultModelId;
        double estimate = CallCostEstimator.Estimate(options, messages, requestOptions, model);
        var id = Guid.NewGuid();
        SpendReservation answer = await grain.ReserveAsync(id, estimate, silo);
        if (answer.Granted)
        {
            return (grain, id, estimate);
        }

        AgentRun run = AgentRun.Current
            ?? throw new InvalidOperationException($"Tenant {tenant}'s spend limit refused a model call outside an agent run.");
        TenantSpendSnapshot spend = answer.Spend;
        run.StopWith(AgentRunOutcome.BudgetExceeded(
            AgentBudgetKind.EstimatedCost,
            run.NextModelCall,
            $"tenant {tenant}'s {Period(spend.Period)} limit of {Usd.Format(spend.LimitUsd ?? 0)} would be passed ({Usd.Format(spend.SpentUsd)} spent, "
                + $"{Usd.Format(spend.ReservedUsd)} reserved by calls in flight, this call reserves {Usd.Format(estimate)})"));
        return null;
    }

    /// <summary>Settles a call; a failure to settle never fails the call (the reservation then expires with its lease timeout).</summary>
    private async Task SettleAsync(string tenant, (ITenantSpendGrain Grain, Guid Id, double Estimate) held, double costUsd, bool sent)
    {
        try
        {
            await held.Grain.SettleAsync(held.Id, costUsd, sent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SettleFailed(logger, ex, tenant);
        }
    }

    private static string Period(SpendPeriod period) => period == SpendPeriod.Day ? "daily" : "monthly";
}
