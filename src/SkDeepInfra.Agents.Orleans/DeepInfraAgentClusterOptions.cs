using System;
using System.Collections.Generic;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>Options of the agents a silo hosts (<c>AddDeepInfraAgents</c>): conversations, tenant spend limits and the fleet-wide DeepInfra concurrency limit.</summary>
/// <remarks>Give every silo of a cluster the same options: each grain reads them on the silo it runs on.</remarks>
public sealed class DeepInfraAgentClusterOptions
{
    /// <summary>The name of the grain storage conversations and tenant spend are kept in: register yours under it (Redis, ADO.NET…).</summary>
    public const string StorageName = "DeepInfraAgents";

    /// <summary>The default limit of concurrent requests per DeepInfra model and API key, across the cluster: DeepInfra's own limit.</summary>
    public const int DefaultConcurrencyLimit = 200;

    private int _defaultMaxOutputTokens = 4096;
    private double _defaultCallEstimateUsd = 0.01;
    private TimeSpan _leaseTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets a value indicating whether <c>AddDeepInfraAgents</c> registers in-memory grain storage under
    /// <see cref="StorageName"/> (the default, for one machine and tests). Set it to <see langword="false"/> when you
    /// register a durable storage provider under that name.
    /// </summary>
    public bool UseInMemoryStorage { get; set; } = true;

    /// <summary>Gets or sets what a conversation does with a request that arrives during a run. The default is <see cref="ConversationBusyPolicy.Wait"/>.</summary>
    public ConversationBusyPolicy BusyPolicy { get; set; } = ConversationBusyPolicy.Wait;

    /// <summary>Gets the spend limit of each tenant by id; tenants not listed get <see cref="DefaultTenantLimit"/>.</summary>
    public IDictionary<string, TenantSpendLimit> TenantLimits { get; } = new Dictionary<string, TenantSpendLimit>(StringComparer.Ordinal);

    /// <summary>Gets or sets the spend limit of tenants not in <see cref="TenantLimits"/>; <see langword="null"/> (the default) for none.</summary>
    public TenantSpendLimit? DefaultTenantLimit { get; set; }

    /// <summary>
    /// Gets the prices used to estimate what a model call reserves from its tenant's limit before it is sent:
    /// the conversation's tokens (estimated from its text) at the input price plus the call's <c>MaxOutputTokens</c> (or
    /// <see cref="DefaultMaxOutputTokens"/>) at the output price. Keyed by model id.
    /// </summary>
    public IDictionary<string, DeepInfraModelPricing> ModelPrices { get; } = new Dictionary<string, DeepInfraModelPricing>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the output tokens a call is assumed to use when it sets no <c>MaxOutputTokens</c>. The default is 4096.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int DefaultMaxOutputTokens
    {
        get => _defaultMaxOutputTokens;
        set => _defaultMaxOutputTokens = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one output token must be assumed.");
    }

    /// <summary>Gets or sets what a call to a model without <see cref="ModelPrices"/> reserves, in USD. The default is $0.01.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double DefaultCallEstimateUsd
    {
        get => _defaultCallEstimateUsd;
        set => _defaultCallEstimateUsd = value >= 0 && !double.IsInfinity(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "An estimate must be a finite, non-negative number of USD.");
    }

    /// <summary>
    /// Gets or sets a fixed amount every model call reserves, replacing the estimate from prices; <see langword="null"/>
    /// (the default) to estimate.
    /// </summary>
    public double? CallEstimateUsd { get; set; }

    /// <summary>Gets the limit of concurrent requests per model id, across the cluster; models not listed get <see cref="DefaultConcurrencyLimit"/>.</summary>
    public IDictionary<string, int> ConcurrencyLimits { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets how long a concurrency lease or a spend reservation is kept when its silo neither ends it nor is known
    /// to be dead. Leases and reservations of a silo the cluster declares dead are released at once. The default is 10 minutes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan LeaseTimeout
    {
        get => _leaseTimeout;
        set => _leaseTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A lease timeout must be positive.");
    }

    internal TenantSpendLimit? LimitOf(string tenantId) => TenantLimits.TryGetValue(tenantId, out TenantSpendLimit? limit) ? limit : DefaultTenantLimit;

    internal int ConcurrencyLimitOf(string modelId) => ConcurrencyLimits.TryGetValue(modelId, out int limit) ? limit : DefaultConcurrencyLimit;
}
