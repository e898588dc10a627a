using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace SkDeepInfra.Agents.Orleans.TestSupport;

/// <summary>
/// Grain storage shared by every silo of an in-process cluster, as bytes written by Orleans' serializer: it outlives any
/// one silo (like a real database) and can be made to fail, for outage tests.
/// </summary>
public sealed class SharedGrainStorage(ConcurrentDictionary<string, byte[]> store, Serializer serializer, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.TryGetValue(Key(stateName, grainId), out byte[]? bytes))
        {
            grainState.State = serializer.Deserialize<T>(bytes);
            grainState.RecordExists = true;
            grainState.ETag = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (faults.FailWrites)
        {
            throw new IOException("The storage is unreachable.");
        }

        store[Key(stateName, grainId)] = serializer.SerializeToArray(grainState.State);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>Puts raw state into the store, as another (say newer) version of the package would have written it.</summary>
    public static void Put<T>(ConcurrentDictionary<string, byte[]> store, Serializer serializer, string stateName, GrainId grainId, T state) =>
        store[Key(stateName, grainId)] = serializer.SerializeToArray(state);

    private static string Key(string stateName, GrainId grainId) => stateName + "|" + grainId;
}

/// <summary>Faults the tests switch on in <see cref="SharedGrainStorage"/>.</summary>
public sealed class StorageFaults
{
    private volatile bool _failWrites;

    public bool FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }
}
