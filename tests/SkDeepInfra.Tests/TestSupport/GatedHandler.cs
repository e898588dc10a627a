namespace SkDeepInfra.TestSupport;

/// <summary>
/// Holds every request at a gate until <see cref="Release"/>, then passes it to an inner handler (a
/// <see cref="RecordingHandler"/>, which records it and replies). Once released, the gate stays open. Lets a test
/// line up concurrent callers behind one request in flight.
/// </summary>
public sealed class GatedHandler : DelegatingHandler
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public GatedHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Completes when the first request reaches the gate.</summary>
    public Task Entered => _entered.Task;

    /// <summary>How many requests reached the gate (held or passed).</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    public void Release() => _gate.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _arrived);
        _entered.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
