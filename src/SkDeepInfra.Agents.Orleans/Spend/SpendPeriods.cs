using System;

namespace SkDeepInfra.Agents.Orleans.Spend;

/// <summary>Where UTC periods start.</summary>
internal static class SpendPeriods
{
    public static DateTimeOffset StartOf(SpendPeriod period, DateTimeOffset now)
    {
        DateTimeOffset utc = now.ToUniversalTime();
        return period == SpendPeriod.Day
            ? new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
