using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Orleans;
using Orleans.Runtime;
using SkDeepInfra.Agents.Orleans.Concurrency;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>
/// Holds every request under a fleet-wide limit of concurrent requests per DeepInfra model and API key: before sending, it
/// takes a lease from the cluster's limiter for the model (waiting in line, first come first served, while the limit is
/// reached) and gives it back when the response (or stream) ends. Works on any <see cref="IChatClient"/>, with or without
/// agents. The limit is <see cref="DeepInfraAgentClusterOptions.ConcurrencyLimits"/> (default 200, DeepInfra's own).
/// </summary>
/// <remarks>
/// Leases of a silo the cluster declares dead are released; so is a lease nobody ended within
/// <see cref="DeepInfraAgentClusterOptions.LeaseTimeout"/>. Cancelling a waiting request takes it out of the line.
/// </remarks>
public sealed class FleetConcurrencyChatClient : DelegatingChatClient
{
    /// <summary>The key id agents use when their chat client has no limiter of its own: one limit per model for the cluster.</summary>
    public const string DefaultKeyId = "default";

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(10);

    private readonly IGrainFactory _grains;
    private readonly string _keyId;
    private readonly SiloAddress? _silo;

    /// <summary>Initializes a new instance of the <see cref="FleetConcurrencyChatClient"/> class.</summary>
    /// <param name="innerClient">The client that sends the requests, typically a <c>DeepInfraChatClient</c>.</param>
    /// <param name="grainFactory">The cluster's grain factory (a silo's or a client's).</param>
    /// <param name="keyId">Identifies the DeepInfra API key (or account) the limit applies to: the key itself or any stable name. Only a hash of it is kept.</param>
    /// <param name="silo">The silo sending the requests, so its leases are released if it dies; <see langword="null"/> from a cluster client.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> or <paramref name="grainFactory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="keyId"/> is null or empty.</exception>
    public FleetConcurrencyChatClient(IChatClient innerClient, IGrainFactory grainFactory, string keyId, SiloAddress? silo = null)
        : base(innerClient)
    {
        _grains = grainFactory ?? throw new ArgumentNullException(nameof(grainFactory));
        _keyId = string.IsNullOrEmpty(keyId) ? throw new ArgumentException("A key id is required: the API key or a stable name for it.", nameof(keyId)) : keyId;
        _silo = silo;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (IModelConcurrencyGrain limiter, Guid lease) = await AcquireAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await limiter.ReleaseAsync(lease).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (IModelConcurrencyGrain limiter, Guid lease) = await AcquireAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            await limiter.ReleaseAsync(lease).ConfigureAwait(false);
        }
    }

    private async Task<(IModelConcurrencyGrain Limiter, Guid Lease)> AcquireAsync(ChatOptions? options, CancellationToken cancellationToken)
    {
        string model = options?.ModelId ?? this.GetService<ChatClientMetadata>()?.DefaultModelId ?? "default";
        var limiter = _grains.GetGrain<IModelConcurrencyGrain>(LimiterKey.Create(_keyId, model));
        var lease = Guid.NewGuid();
        try
        {
            // Each call waits a while and keeps this caller's place in line, so a long wait never hits a grain call timeout.
            while (!await limiter.AcquireAsync(lease, _silo, s_pollInterval, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            await limiter.ReleaseAsync(lease).ConfigureAwait(false);
            throw;
        }

        return (limiter, lease);
    }
}
