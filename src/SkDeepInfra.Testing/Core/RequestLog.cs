using System.Collections.Generic;

namespace SkDeepInfra.Testing.Core;

/// <summary>Every request received, in arrival order; safe for concurrent use.</summary>
internal sealed class RequestLog
{
    private readonly List<EmulatorRequest> requests = [];
    private readonly object gate = new();

    public EmulatorRequest? Last
    {
        get
        {
            lock (gate)
            {
                return requests.Count == 0 ? null : requests[^1];
            }
        }
    }

    public void Add(EmulatorRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }

    public IReadOnlyList<EmulatorRequest> Snapshot()
    {
        lock (gate)
        {
            return requests.ToArray();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }
}
