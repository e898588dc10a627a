using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace SkDeepInfra.Internal;

/// <summary>
/// How long to wait before a retry: the server's <c>retry-after-ms</c> or <c>Retry-After</c> (seconds or an HTTP date)
/// when present and at most <see cref="MaxServerDelay"/>; otherwise exponential backoff from
/// <see cref="BaseDelay"/>, capped at <see cref="MaxBackoff"/>, with ±20% jitter.
/// </summary>
internal static class RetryDelays
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
    public static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(60);

    [ThreadStatic]
    private static Random? t_random;

    public static TimeSpan For(int attempt, HttpResponseMessage? response, DateTimeOffset now) =>
        FromServer(response, now) ?? Backoff(attempt, (t_random ??= new Random()).NextDouble());

    /// <summary>Backoff for the given zero-based attempt; <paramref name="jitter01"/> in [0, 1) maps to ±20%.</summary>
    public static TimeSpan Backoff(int attempt, double jitter01)
    {
        double baseMs = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, baseMs * (0.8 + (0.4 * jitter01))));
    }

    public static TimeSpan? FromServer(HttpResponseMessage? response, DateTimeOffset now)
    {
        if (response is null)
        {
            return null;
        }

        TimeSpan? delay = null;
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
        {
            // NaN, infinities and huge values cannot become a TimeSpan; they are no usable hint.
            if (double.IsNaN(ms) || ms > MaxServerDelay.TotalMilliseconds)
            {
                return null;
            }

            delay = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        }
        else if (response.Headers.RetryAfter is { } retryAfter)
        {
            delay = retryAfter.Delta ?? (retryAfter.Date is DateTimeOffset date ? date - now : null);
        }

        if (delay is TimeSpan d && d < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        return delay <= MaxServerDelay ? delay : null;
    }
}
