namespace SkDeepInfra.Reliability;

/// <summary>Counts fuzz outcomes per oracle, for the test output and docs/reliability.md.</summary>
public sealed class FuzzStats
{
    private readonly long[] _succeeded = new long[5];
    private readonly long[] _threw = new long[5];
    private long _tooLarge;

    public long Total => _succeeded.Sum() + _threw.Sum();

    public void Record(Oracle oracle, Exception? error)
    {
        Interlocked.Increment(ref (error is null ? _succeeded : _threw)[(int)oracle]);
        if (error?.Message.Contains("larger than the limit", StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _tooLarge);
        }
    }

    public override string ToString() =>
        $"{Total} cases: " + string.Join(", ", Enum.GetValues<Oracle>().Select(o => $"{o} {_succeeded[(int)o]} succeeded / {_threw[(int)o]} DeepInfraException"))
        + $"; {_tooLarge} stopped at a size limit";
}
