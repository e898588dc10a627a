using System;
using System.Diagnostics;

namespace SkDeepInfra.Agents.Internal;

/// <summary>Durations from <see cref="Stopwatch"/> timestamps (no allocation; <c>Stopwatch.GetElapsedTime</c> is not in netstandard2.0).</summary>
internal static class Elapsed
{
    public static long Now() => Stopwatch.GetTimestamp();

    public static TimeSpan Since(long started) =>
        TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - started) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
}
