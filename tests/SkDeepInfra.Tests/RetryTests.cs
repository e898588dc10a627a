using System.Globalization;

namespace SkDeepInfra;

/// <summary>Retries through <see cref="DeepInfraChatClient"/>: delays are recorded, never slept.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task GetResponseAsync_RetryableStatus_RetriedUpToMaxRetriesThenThrows(int status)
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler().ReplyJson("""{"error":"try later"}""", (HttpStatusCode)status);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 2, delays: delays);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal("try later", ex.ProviderMessage);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public async Task GetResponseAsync_DifferentRetryableStatuses_ThrowsWithLastStatus()
    {
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"a"}""", HttpStatusCode.InternalServerError)
            .ReplyJson("""{"error":"b"}""", HttpStatusCode.BadGateway)
            .ReplyJson("""{"error":"c"}""", HttpStatusCode.TooManyRequests)
            .ReplyJson("""{"error":"d"}""", HttpStatusCode.GatewayTimeout);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 3, delays: []);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, ex.StatusCode);
        Assert.Equal("d", ex.ProviderMessage);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_SuccessAfterTwoFailures_ReturnsReplyAfterThreeRequests()
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable)
            .ReplyJson("""{"error":"busy"}""", HttpStatusCode.TooManyRequests)
            .ReplyJson(Canned.Completion("Finally"));
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 3, delays: delays);

        ChatResponse response = await client.GetResponseAsync("Hi");

        Assert.Equal("Finally", response.Text);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(2, delays.Count);
        Assert.All(handler.Requests, r => Assert.Equal(handler.Requests[0].Body, r.Body));
        Assert.All(handler.Requests, r => Assert.Equal("Bearer " + TestClients.ApiKey, r.Authorization));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task GetResponseAsync_NonRetryableStatus_SentExactlyOnce(int status)
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler().ReplyJson("""{"error":"no"}""", (HttpStatusCode)status);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 3, delays: delays);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Single(handler.Requests);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task GetResponseAsync_MaxRetriesZero_SentExactlyOnce()
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler().ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 0, delays: delays);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Single(handler.Requests);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterSeconds_WaitsExactly()
    {
        List<TimeSpan> delays = await RunWithOneRetryAsync(r => r.Headers.TryAddWithoutValidation("Retry-After", "2"));

        Assert.Equal([TimeSpan.FromSeconds(2)], delays);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterHttpDate_WaitsUntilDate()
    {
        DateTimeOffset at = DateTimeOffset.UtcNow.AddSeconds(3.5);

        List<TimeSpan> delays = await RunWithOneRetryAsync(r => r.Headers.TryAddWithoutValidation("Retry-After", at.ToString("r", CultureInfo.InvariantCulture)));

        TimeSpan delay = Assert.Single(delays);
        Assert.InRange(delay.TotalSeconds, 2.4, 3.5);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterMs_WaitsExactly()
    {
        List<TimeSpan> delays = await RunWithOneRetryAsync(r => r.Headers.TryAddWithoutValidation("retry-after-ms", "250"));

        Assert.Equal([TimeSpan.FromMilliseconds(250)], delays);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterAboveSixtySeconds_FallsBackToBackoff()
    {
        List<TimeSpan> delays = await RunWithOneRetryAsync(r => r.Headers.TryAddWithoutValidation("Retry-After", "120"));

        TimeSpan delay = Assert.Single(delays);
        Assert.InRange(delay.TotalSeconds, 0.4, 0.6);
        Assert.True(delay <= TimeSpan.FromSeconds(8));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    public async Task GetResponseAsync_UnusableRetryAfterMs_FallsBackToBackoff(string value)
    {
        List<TimeSpan> delays = await RunWithOneRetryAsync(r => r.Headers.TryAddWithoutValidation("retry-after-ms", value));

        Assert.InRange(Assert.Single(delays).TotalSeconds, 0.4, 0.6);
    }

    [Fact]
    public async Task GetResponseAsync_NoRetryHeaders_BackoffGrows()
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler().ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 3, delays: delays);

        await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(3, delays.Count);
        Assert.InRange(delays[0].TotalSeconds, 0.4, 0.6);
        Assert.InRange(delays[1].TotalSeconds, 0.8, 1.2);
        Assert.InRange(delays[2].TotalSeconds, 1.6, 2.4);
    }

    [Fact]
    public async Task GetResponseAsync_ConnectionFailures_RetriedThenThrowsWithoutStatus()
    {
        var delays = new List<TimeSpan>();
        var failure = new HttpRequestException("Connection refused");
        var handler = new RecordingHandler().Throw(failure);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 2, delays: delays);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Null(ex.StatusCode);
        Assert.Same(failure, ex.InnerException);
        Assert.Null(ex.ResponseContent);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public async Task GetResponseAsync_ConnectionFailureThenSuccess_ReturnsReply()
    {
        var handler = new RecordingHandler()
            .Throw(new HttpRequestException("Connection reset"))
            .ReplyJson(Canned.Completion("Recovered"));
        using DeepInfraChatClient client = TestClients.Create(handler, delays: []);

        ChatResponse response = await client.GetResponseAsync("Hi");

        Assert.Equal("Recovered", response.Text);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_TimeoutNotFromCaller_RetriedThenThrowsWithoutStatus()
    {
        var handler = new RecordingHandler().Throw(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."));
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 1, delays: []);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Null(ex.StatusCode);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledToken_ThrowsOperationCanceledWithoutSending()
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler, delays: delays);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Exception? ex = await Record.ExceptionAsync(() => client.GetResponseAsync("Hi", cancellationToken: cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.Empty(handler.Requests);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task GetResponseAsync_HandlerCancelledForCallerToken_ThrowsOperationCanceledUnwrapped()
    {
        var delays = new List<TimeSpan>();
        using var cts = new CancellationTokenSource();
        var handler = new RecordingHandler().Reply(_ =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });
        using DeepInfraChatClient client = TestClients.Create(handler, delays: delays);

        Exception? ex = await Record.ExceptionAsync(() => client.GetResponseAsync("Hi", cancellationToken: cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.Single(handler.Requests);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledDuringRetryDelay_ThrowsOperationCanceledWithoutFurtherRequests()
    {
        using var cts = new CancellationTokenSource();
        var handler = new RecordingHandler().ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable);
        using DeepInfraChatClient client = TestClients.Create(handler);
        client.Pipeline.Delay = (_, token) =>
        {
            cts.Cancel();
            return Task.FromCanceled(token);
        };

        Exception? ex = await Record.ExceptionAsync(() => client.GetResponseAsync("Hi", cancellationToken: cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.Single(handler.Requests);
    }

    private static async Task<List<TimeSpan>> RunWithOneRetryAsync(Action<HttpResponseMessage> configure)
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler()
            .ReplyJson("""{"error":"slow down"}""", HttpStatusCode.TooManyRequests, configure)
            .ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler, delays: delays);

        await client.GetResponseAsync("Hi");

        Assert.Equal(2, handler.Requests.Count);
        return delays;
    }
}
