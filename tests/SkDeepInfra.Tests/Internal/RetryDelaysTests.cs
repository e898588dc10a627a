namespace SkDeepInfra.Internal;

public sealed class RetryDelaysTests
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0.0, 400)]
    [InlineData(0, 0.5, 500)]
    [InlineData(0, 0.999, 599.8)]
    [InlineData(1, 0.0, 800)]
    [InlineData(1, 0.5, 1000)]
    [InlineData(1, 0.999, 1199.6)]
    [InlineData(2, 0.5, 2000)]
    [InlineData(3, 0.5, 4000)]
    [InlineData(3, 0.999, 4798.4)]
    [InlineData(4, 0.5, 8000)]
    [InlineData(4, 0.0, 6400)]
    [InlineData(9, 0.5, 8000)]
    [InlineData(9, 0.999, 8000)]
    public void Backoff_AttemptAndJitter_ReturnsExactDelay(int attempt, double jitter, double expectedMs)
    {
        Assert.Equal(expectedMs, RetryDelays.Backoff(attempt, jitter).TotalMilliseconds, precision: 6);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(int.MaxValue)]
    public void Backoff_HighJitter_NeverExceedsMaxBackoff(int attempt)
    {
        Assert.True(RetryDelays.Backoff(attempt, 0.999) <= RetryDelays.MaxBackoff);
    }

    [Fact]
    public void FromServer_NoHeaders_ReturnsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(RetryDelays.FromServer(response, s_now));
    }

    [Fact]
    public void FromServer_RetryAfterSeconds_ReturnsDelta()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelays.FromServer(response, s_now));
    }

    [Fact]
    public void FromServer_RetryAfterDate_ReturnsTimeUntilDate()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", s_now.AddSeconds(3).ToString("r"));

        Assert.Equal(TimeSpan.FromSeconds(3), RetryDelays.FromServer(response, s_now));
    }

    [Fact]
    public void FromServer_RetryAfterDateInPast_ReturnsZero()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", s_now.AddSeconds(-30).ToString("r"));

        Assert.Equal(TimeSpan.Zero, RetryDelays.FromServer(response, s_now));
    }

    [Fact]
    public void FromServer_RetryAfterMsAndRetryAfter_PrefersMilliseconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after-ms", "250");
        response.Headers.TryAddWithoutValidation("Retry-After", "9");

        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryDelays.FromServer(response, s_now));
    }

    [Theory]
    [InlineData("60", 60.0)]
    [InlineData("0", 0.0)]
    public void FromServer_RetryAfterWithinLimit_Returned(string value, double expectedSeconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", value);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryDelays.FromServer(response, s_now));
    }

    [Fact]
    public void FromServer_RetryAfterAboveLimit_ReturnsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "61");

        Assert.Null(RetryDelays.FromServer(response, s_now));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    [InlineData("60001")]
    [InlineData("soon")]
    public void FromServer_UnusableRetryAfterMs_ReturnsNull(string value)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after-ms", value);

        Assert.Null(RetryDelays.FromServer(response, s_now));
    }

    [Fact]
    public void FromServer_NegativeRetryAfterMs_ReturnsZero()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after-ms", "-5");

        Assert.Equal(TimeSpan.Zero, RetryDelays.FromServer(response, s_now));
    }
}
