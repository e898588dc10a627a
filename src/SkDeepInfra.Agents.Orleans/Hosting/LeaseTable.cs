using System;
using System.Collections.Generic;
using System.Linq;
using Orleans.Runtime;

namespace SkDeepInfra.Agents.Orleans.Hosting;

/// <summary>
/// What silos hold in a grain (concurrency leases, spend reservations), by id, with who holds it and since when. An entry
/// expires when the cluster declares its silo dead, or after the lease timeout when nobody ended it.
/// </summary>
internal sealed class LeaseTable<TValue>
{
    private readonly Dictionary<Guid, Entry> _entries = [];

    public int Count => _entries.Count;

    public IEnumerable<TValue> Values => _entries.Values.Select(e => e.Value);

    public bool Contains(Guid id) => _entries.ContainsKey(id);

    public void Add(Guid id, TValue value, SiloAddress? holder, DateTimeOffset now) => _entries[id] = new Entry(value, holder, now);

    public bool TryRemove(Guid id, out TValue value)
    {
        if (_entries.Remove(id, out Entry? entry))
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Removes the entries of dead silos and those older than <paramref name="timeout"/>, and returns them.</summary>
    public List<TValue> Expire(IClusterMembershipService? membership, DateTimeOffset now, TimeSpan timeout)
    {
        ClusterMembershipSnapshot? snapshot = membership?.CurrentSnapshot;
        List<Guid> expired = _entries
            .Where(e => now - e.Value.Since >= timeout || (e.Value.Holder is { } silo && snapshot?.GetSiloStatus(silo) == SiloStatus.Dead))
            .Select(e => e.Key)
            .ToList();
        var values = new List<TValue>(expired.Count);
        foreach (Guid id in expired)
        {
            values.Add(_entries[id].Value);
            _entries.Remove(id);
        }

        return values;
    }

    private sealed record Entry(TValue Value, SiloAddress? Holder, DateTimeOffset Since);
}
