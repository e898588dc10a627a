using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using SkDeepInfra.Agents.Orleans.Hosting;

namespace SkDeepInfra.Agents.Orleans.Concurrency;

/// <summary>
/// Grants leases for in-flight requests up to the model's limit, first come first served. Reentrant, so releases and new
/// callers get in while others wait. Leases of a silo the cluster declares dead, and leases nobody ended within the lease
/// timeout, are taken back (checked on every call and by a timer); a waiting caller that neither comes back nor
/// cancels loses its place.
/// </summary>
[Reentrant]
internal sealed class ModelConcurrencyGrain(
    IOptions<DeepInfraAgentClusterOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<ModelConcurrencyGrain> logger) : Grain, IModelConcurrencyGrain
{
    private static readonly TimeSpan s_sweepInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_silentWaiter = TimeSpan.FromMinutes(1);

    private readonly LeaseTable<bool> _leases = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly Dictionary<Guid, LinkedListNode<Waiter>> _waiting = [];
    private readonly IClusterMembershipService? _membership = (IClusterMembershipService?)services.GetService(typeof(IClusterMembershipService));
    private int _peak;

    private int Limit => options.Value.ConcurrencyLimitOf(LimiterKey.ModelOf(this.GetPrimaryKeyString()));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(s_sweepInterval, s_sweepInterval) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task<bool> AcquireAsync(Guid leaseId, SiloAddress? holder, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        Sweep();
        if (_leases.Contains(leaseId))
        {
            return true;
        }

        if (!_waiting.TryGetValue(leaseId, out LinkedListNode<Waiter>? node))
        {
            if (_queue.Count == 0 && _leases.Count < Limit)
            {
                Grant(leaseId, holder);
                return true;
            }

            node = _queue.AddLast(new Waiter(leaseId, holder));
            _waiting[leaseId] = node;
        }

        node.Value.LastSeen = time.GetUtcNow();
        Task granted = node.Value.Granted.Task;
        try
        {
            await granted.WaitAsync(maxWait, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            Remove(leaseId);
            throw;
        }
    }

    public Task ReleaseAsync(Guid leaseId)
    {
        Remove(leaseId);
        Sweep();
        return Task.CompletedTask;
    }

    public Task<LimiterSnapshot> GetAsync()
    {
        Sweep();
        return Task.FromResult(new LimiterSnapshot { InUse = _leases.Count, Waiting = _queue.Count, Limit = Limit, PeakInUse = _peak });
    }

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        Sweep();
        return Task.CompletedTask;
    }

    private void Remove(Guid leaseId)
    {
        if (!_leases.TryRemove(leaseId, out _) && _waiting.Remove(leaseId, out LinkedListNode<Waiter>? node))
        {
            _queue.Remove(node);
            node.Value.Granted.TrySetCanceled();
        }
    }

    /// <summary>Takes back expired leases, drops waiters that went silent, and serves the queue in order.</summary>
    private void Sweep()
    {
        DateTimeOffset now = time.GetUtcNow();
        TimeSpan timeout = options.Value.LeaseTimeout;
        int expired = _leases.Expire(_membership, now, timeout).Count;
        if (expired > 0)
        {
            Log.LeasesExpired(logger, this.GetPrimaryKeyString(), expired);
        }

        for (LinkedListNode<Waiter>? node = _queue.First; node is not null;)
        {
            LinkedListNode<Waiter>? next = node.Next;
            if (now - node.Value.LastSeen > s_silentWaiter)
            {
                Remove(node.Value.LeaseId);
            }

            node = next;
        }

        while (_queue.First is { } first && _leases.Count < Limit)
        {
            _queue.RemoveFirst();
            _waiting.Remove(first.Value.LeaseId);
            Grant(first.Value.LeaseId, first.Value.Holder);
            first.Value.Granted.TrySetResult();
        }
    }

    private void Grant(Guid leaseId, SiloAddress? holder)
    {
        _leases.Add(leaseId, true, holder, time.GetUtcNow());
        _peak = Math.Max(_peak, _leases.Count);
    }

    private sealed class Waiter(Guid leaseId, SiloAddress? holder)
    {
        public Guid LeaseId { get; } = leaseId;

        public SiloAddress? Holder { get; } = holder;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset LastSeen { get; set; }
    }
}
