using System;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace SkDeepInfra.Agents.Orleans.Concurrency;

/// <summary>The fleet-wide limit of in-flight requests to one DeepInfra model with one API key, keyed <c>key-hash/model</c> (<see cref="LimiterKey"/>).</summary>
[Alias("SkDeepInfra.Agents.Orleans.IModelConcurrencyGrain")]
internal interface IModelConcurrencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Grants lease <paramref name="leaseId"/> when a slot is free and every earlier caller was served; waits at most
    /// <paramref name="maxWait"/>, then answers <see langword="false"/> with the caller kept in its place: call again with the same id.
    /// </summary>
    [Alias("Acquire")]
    Task<bool> AcquireAsync(Guid leaseId, SiloAddress? holder, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Ends a lease, or takes a waiting caller out of the queue.</summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid leaseId);

    [Alias("Get")]
    Task<LimiterSnapshot> GetAsync();
}
