using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Internal;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra;

/// <summary>
/// DeepInfra's model catalog (<c>GET {Endpoint}models</c>) as typed objects: context length, output limit, prices and tags.
/// Thread-safe; register one and reuse it.
/// </summary>
/// <remarks>
/// <para><b>Caching.</b> The list is fetched on first use and kept for <see cref="CacheDuration"/> (default one hour, measured
/// from when the fetch completed); the next call after that fetches it again. Concurrent callers share one fetch, so a burst
/// of calls makes one request. A failed fetch is not cached and throws to every caller waiting on it; the next call tries
/// again. <see cref="Invalidate"/> drops the cached list at once.</para>
/// <para>The list is read leniently: an entry without an id or of an unknown shape is skipped, and metadata of an unknown
/// shape is dropped (the model stays), so one odd entry does not hide the others.</para>
/// <para>A caller's <see cref="CancellationToken"/> ends its own wait, not the shared fetch, which other callers may be
/// waiting on; the fetch is bounded by the <see cref="HttpClient"/>'s timeout. Errors and retries are the chat client's:
/// failures throw <see cref="DeepInfraException"/>.</para>
/// </remarks>
public sealed class DeepInfraModelCatalog
{
    private readonly DeepInfraHttpPipeline _pipeline;
    private readonly Uri _modelsUri;
    private readonly object _gate = new();
    private readonly TimeSpan _cacheDuration = DefaultCacheDuration;
    private Snapshot? _snapshot;
    private Task<Snapshot>? _pending;

    /// <summary>Creates a catalog client.</summary>
    /// <param name="options">Key, endpoint, retries and size limits; <see langword="null"/> for the defaults. The catalog is public, so a key is optional.</param>
    /// <param name="httpClient">A client to send with; never disposed by this instance. When <see langword="null"/>, one shared pooled client is used.
    /// If it has a <see cref="HttpClient.BaseAddress"/> and <paramref name="options"/> leaves the default endpoint, the base address is the endpoint.</param>
    /// <param name="loggerFactory">Logs fetches, retries and failures.</param>
    public DeepInfraModelCatalog(DeepInfraClientOptions? options = null, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
    {
        _pipeline = DeepInfraHttpPipeline.Create(options, httpClient, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DeepInfraModelCatalog>());
        _modelsUri = new Uri(_pipeline.Endpoint, "models");
    }

    /// <summary>How long a fetched list is kept when <see cref="CacheDuration"/> is not set: one hour.</summary>
    public static TimeSpan DefaultCacheDuration { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a fetched list is served before it is fetched again. Default <see cref="DefaultCacheDuration"/>;
    /// <see cref="TimeSpan.Zero"/> fetches on every call; <see cref="TimeSpan.MaxValue"/> keeps the first list until <see cref="Invalidate"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan CacheDuration
    {
        get => _cacheDuration;
        init => _cacheDuration = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CacheDuration), value, "CacheDuration must be zero or positive.");
    }

    /// <summary>Reads the monotonic clock; replaceable so tests can move time.</summary>
    internal Func<long> Timestamp { get; set; } = Stopwatch.GetTimestamp;

    /// <summary>Every model in the catalog, in DeepInfra's order; from the cache while it is fresh.</summary>
    /// <param name="cancellationToken">Ends this caller's wait.</param>
    /// <returns>The models.</returns>
    /// <exception cref="DeepInfraException">The fetch failed: an error status, a reply that is not a model list, or no response after all retries.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<DeepInfraModelInfo>> GetModelsAsync(CancellationToken cancellationToken = default) =>
        (await GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).Models;

    /// <summary>One model by id (an exact match first, else one that differs only in case); from the cache while it is fresh.</summary>
    /// <param name="modelId">The model id, e.g. <c>meta-llama/Meta-Llama-3.1-8B-Instruct</c>.</param>
    /// <param name="cancellationToken">Ends this caller's wait.</param>
    /// <returns>The model, or <see langword="null"/> when the catalog does not list it.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is null, empty or white space.</exception>
    /// <exception cref="DeepInfraException">The fetch failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<DeepInfraModelInfo?> GetModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new ArgumentException("A model id is required.", nameof(modelId));
        }

        return FindAsync(modelId, cancellationToken);
    }

    /// <summary>
    /// Drops the cached list; the next call fetches it again. A fetch already under way still completes for the callers
    /// waiting on it, but its list is not cached and later callers do not join it.
    /// </summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _snapshot = null;
            _pending = null;
        }
    }

    /// <summary>Describes the catalog client (endpoint, cache duration); never the key.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"DeepInfraModelCatalog {{ Endpoint = {_pipeline.Endpoint}, CacheDuration = {_cacheDuration} }}";

    private async Task<DeepInfraModelInfo?> FindAsync(string modelId, CancellationToken cancellationToken)
    {
        Snapshot snapshot = await GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.ById.TryGetValue(modelId, out DeepInfraModelInfo? exact) ? exact
            : snapshot.ByIdIgnoringCase.TryGetValue(modelId, out DeepInfraModelInfo? other) ? other
            : null;
    }

    private Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<Snapshot>? owner = null;
        Task<Snapshot> pending;
        lock (_gate)
        {
            if (_snapshot is { } snapshot && IsFresh(snapshot))
            {
                return Task.FromResult(snapshot);
            }

            if (_pending is null)
            {
                owner = new TaskCompletionSource<Snapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending = owner.Task;
            }

            pending = _pending;
        }

        if (owner is not null)
        {
            _ = FetchAsync(owner);
        }

        return Waiting.WaitAsync(pending, cancellationToken);
    }

    private bool IsFresh(Snapshot snapshot)
    {
        double elapsedSeconds = (Timestamp() - snapshot.FetchedAt) / (double)Stopwatch.Frequency;
        return elapsedSeconds < _cacheDuration.TotalSeconds;
    }

    /// <summary>
    /// Fetches the list for the callers of <paramref name="owner"/>. It is cached only while this fetch is still the pending
    /// one, that is when no <see cref="Invalidate"/> came since it started.
    /// </summary>
    private async Task FetchAsync(TaskCompletionSource<Snapshot> owner)
    {
        try
        {
            long started = Stopwatch.GetTimestamp();
            List<DeepInfraModelInfo> models;
            using (HttpResponseMessage response = await _pipeline.SendAsync(HttpMethod.Get, _modelsUri, null, streaming: false, "(model catalog)", started, CancellationToken.None).ConfigureAwait(false))
            {
                ModelListResponse wire = await JsonReply.ReadAsync(_pipeline, response, DeepInfraJsonContext.Default.ModelListResponse, "a model list", CancellationToken.None).ConfigureAwait(false);
                models = ModelCatalogMapper.FromWire(wire);
            }

            Log.CatalogLoaded(_pipeline.Logger, models.Count, DeepInfraHttpPipeline.ElapsedMs(started));
            var snapshot = new Snapshot(models, Timestamp());
            lock (_gate)
            {
                if (_pending == owner.Task)
                {
                    _snapshot = snapshot;
                    _pending = null;
                }
            }

            owner.SetResult(snapshot);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                if (_pending == owner.Task)
                {
                    _pending = null;
                }
            }

            owner.SetException(ex);
        }
    }

    private sealed class Snapshot
    {
        public Snapshot(List<DeepInfraModelInfo> models, long fetchedAt)
        {
            Models = models.AsReadOnly();
            FetchedAt = fetchedAt;
            ById = new Dictionary<string, DeepInfraModelInfo>(models.Count, StringComparer.Ordinal);
            ByIdIgnoringCase = new Dictionary<string, DeepInfraModelInfo>(models.Count, StringComparer.OrdinalIgnoreCase);
            foreach (DeepInfraModelInfo model in models)
            {
                // The first entry with an id wins, as a lookup by name can only return one.
                if (!ById.ContainsKey(model.Id))
                {
                    ById[model.Id] = model;
                }

                if (!ByIdIgnoringCase.ContainsKey(model.Id))
                {
                    ByIdIgnoringCase[model.Id] = model;
                }
            }
        }

        public IReadOnlyList<DeepInfraModelInfo> Models { get; }
        public long FetchedAt { get; }
        public Dictionary<string, DeepInfraModelInfo> ById { get; }
        public Dictionary<string, DeepInfraModelInfo> ByIdIgnoringCase { get; }
    }
}
