namespace SkDeepInfra.Agents.Orleans.TestSupport;

/// <summary>Sits in front of the emulator: holds each request a little, as a real model would, and counts how many are in flight at once.</summary>
public sealed class TrafficHandler(HttpMessageHandler emulator) : DelegatingHandler(emulator)
{
    private int _inFlight;
    private int _peak;
    private int _total;

    public TimeSpan Hold { get; set; } = TimeSpan.FromMilliseconds(5);

    public int Peak => Volatile.Read(ref _peak);

    public int Total => Volatile.Read(ref _total);

    public void ResetPeak() => Volatile.Write(ref _peak, 0);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int now = Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _total);
        for (int peak = Volatile.Read(ref _peak); now > peak && Interlocked.CompareExchange(ref _peak, now, peak) != peak; peak = Volatile.Read(ref _peak))
        {
        }

        try
        {
            await Task.Delay(Hold, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
