using System.Globalization;
using System.Net.Http.Headers;

namespace SkDeepInfra.Reliability;

/// <summary>
/// The retry policy as a table: every status and transport failure × streaming or not × every Retry-After form → the
/// exact number of attempts and the delays between them (recorded, never slept). Extends <c>RetryTests</c>, which
/// covers the same rules one case at a time.
/// </summary>
public sealed class RetryPolicyTableTests
{
    private const int MaxRetries = 2;

    /// <summary>Retried: 408, 429, 500, 502, 503, 504. Everything else, including other 5xx, is final.</summary>
    private static readonly int[] s_retried = [408, 429, 500, 502, 503, 504];
    private static readonly int[] s_final = [400, 401, 402, 403, 404, 405, 409, 410, 413, 415, 422, 451, 501, 505, 507, 520, 529];

    /// <summary>Failures without a response: all retried.</summary>
    private static readonly string[] s_failures = ["connection refused", "connection reset (IOException)", "timeout", "name resolution"];

    /// <summary>Retry-After forms: how they set the headers and the delay they must produce (null: backoff).</summary>
    private static readonly Dictionary<string, (Action<HttpResponseMessage> Set, (double Min, double Max)? Seconds)> s_retryAfter = new()
    {
        ["none"] = (_ => { }, null),
        ["seconds 2"] = (r => r.Headers.TryAddWithoutValidation("Retry-After", "2"), (2, 2)),
        ["seconds 0"] = (r => r.Headers.TryAddWithoutValidation("Retry-After", "0"), (0, 0)),
        ["seconds 60"] = (r => r.Headers.TryAddWithoutValidation("Retry-After", "60"), (60, 60)),
        ["seconds 61 (too long: backoff)"] = (r => r.Headers.TryAddWithoutValidation("Retry-After", "61"), null),
        ["date in 3 s"] = (r => r.Headers.TryAddWithoutValidation("Retry-After", DateTimeOffset.UtcNow.AddSeconds(3).ToString("r", CultureInfo.InvariantCulture)), (1.9, 3.0)),
        ["date in the past"] = (r => r.Headers.TryAddWithoutValidation("Retry-After", DateTimeOffset.UtcNow.AddMinutes(-5).ToString("r", CultureInfo.InvariantCulture)), (0, 0)),
        ["date in 2 min (too long: backoff)"] = (r => r.Headers.TryAddWithoutValidation("Retry-After", DateTimeOffset.UtcNow.AddMinutes(2).ToString("r", CultureInfo.InvariantCulture)), null),
        ["retry-after-ms 250"] = (r => r.Headers.TryAddWithoutValidation("retry-after-ms", "250"), (0.25, 0.25)),
        ["retry-after-ms 1.5"] = (r => r.Headers.TryAddWithoutValidation("retry-after-ms", "1.5"), (0.0015, 0.0015)),
        ["retry-after-ms -5"] = (r => r.Headers.TryAddWithoutValidation("retry-after-ms", "-5"), (0, 0)),
        ["retry-after-ms NaN (backoff)"] = (r => r.Headers.TryAddWithoutValidation("retry-after-ms", "NaN"), null),
        ["both: retry-after-ms wins"] = (r => { r.Headers.TryAddWithoutValidation("retry-after-ms", "750"); r.Headers.TryAddWithoutValidation("Retry-After", "9"); }, (0.75, 0.75)),
        ["garbage (backoff)"] = (r => r.Headers.TryAddWithoutValidation("Retry-After", "soon"), null),
    };

    public static TheoryData<int, bool, string> Statuses()
    {
        var data = new TheoryData<int, bool, string>();
        foreach (int status in s_retried.Concat(s_final))
        {
            foreach (bool streaming in new[] { false, true })
            {
                foreach (string form in s_retryAfter.Keys)
                {
                    data.Add(status, streaming, form);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, bool> Failures()
    {
        var data = new TheoryData<string, bool>();
        foreach (string failure in s_failures)
        {
            data.Add(failure, false);
            data.Add(failure, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Call_ErrorStatusEveryTime_AttemptsAndDelaysFollowThePolicy(int status, bool streaming, string retryAfter)
    {
        var delays = new List<TimeSpan>();
        (Action<HttpResponseMessage> set, (double Min, double Max)? seconds) = s_retryAfter[retryAfter];
        var handler = new RecordingHandler().Reply(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("""{"error":{"message":"no luck"}}""", System.Text.Encoding.UTF8, "application/json") };
            set(response);
            return response;
        });
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: MaxRetries, delays: delays);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => CallAsync(client, streaming));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("no luck", error.ProviderMessage);
        bool retried = s_retried.Contains(status);
        Assert.Equal(retried ? MaxRetries + 1 : 1, handler.Requests.Count);
        Assert.Equal(retried ? MaxRetries : 0, delays.Count);
        for (int attempt = 0; attempt < delays.Count; attempt++)
        {
            AssertDelay(delays[attempt], attempt, seconds);
        }
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Call_TransportFailureEveryTime_RetriedWithBackoffThenDeepInfraExceptionWithoutStatus(string failure, bool streaming)
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler().Throw(Failure(failure));
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: MaxRetries, delays: delays);

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(() => CallAsync(client, streaming));

        Assert.Null(error.StatusCode);
        Assert.NotNull(error.InnerException);
        Assert.Contains($"after {MaxRetries + 1} attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(MaxRetries + 1, handler.Requests.Count);
        Assert.Equal(MaxRetries, delays.Count);
        for (int attempt = 0; attempt < delays.Count; attempt++)
        {
            AssertDelay(delays[attempt], attempt, null);
        }
    }

    [Theory]
    [InlineData(408, false)]
    [InlineData(429, true)]
    [InlineData(500, false)]
    [InlineData(502, true)]
    [InlineData(503, false)]
    [InlineData(504, true)]
    public async Task Call_RetryableStatusThenSuccess_SucceedsOnSecondAttempt(int status, bool streaming)
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler().ReplyJson("""{"error":"busy"}""", (HttpStatusCode)status, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)));
        if (streaming)
        {
            handler.ReplySse(Canned.Sse([Canned.Chunk("second time lucky"), Canned.Chunk(finishReason: "stop")]));
        }
        else
        {
            handler.ReplyJson(Canned.Completion("second time lucky"));
        }

        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: MaxRetries, delays: delays);

        string text = await CallAsync(client, streaming);

        Assert.Equal("second time lucky", text);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1)], delays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public async Task Call_MaxRetries_AttemptsAreMaxRetriesPlusOneAndBackoffIsCapped(int maxRetries)
    {
        var delays = new List<TimeSpan>();
        var handler = new RecordingHandler().ReplyJson("""{"error":"busy"}""", HttpStatusCode.ServiceUnavailable);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: maxRetries, delays: delays);

        await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("q"));

        Assert.Equal(maxRetries + 1, handler.Requests.Count);
        Assert.Equal(maxRetries, delays.Count);
        Assert.All(delays.Select((d, i) => (d, i)), x => AssertDelay(x.d, x.i, null));
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(8)));
    }

    /// <summary>Once the response has started (a 2xx status line), nothing is retried, whatever follows.</summary>
    public static TheoryData<string> StreamFailuresAfterStart() =>
    [
        "cut after an update", "cut before any event", "error frame 503 after an update", "error frame 429 before any event",
        "ended without finish chunk", "malformed event after an update", "event over the size limit",
    ];

    [Theory]
    [MemberData(nameof(StreamFailuresAfterStart))]
    public async Task GetStreamingResponseAsync_FailureAfterResponseStarted_NeverRetried(string failure)
    {
        var delays = new List<TimeSpan>();
        string first = "data: " + Canned.Chunk("already yielded") + "\n\n";
        var handler = new RecordingHandler().Reply(_ => failure switch
        {
            "cut after an update" => Stream(new FuzzBodyStream(System.Text.Encoding.UTF8.GetBytes(first), null, 4096, first.Length, _ => { })),
            "cut before any event" => Stream(new FuzzBodyStream([], null, 4096, 0, _ => { })),
            "error frame 503 after an update" => Sse(first + "data: {\"error\":{\"message\":\"overloaded\",\"code\":503}}\n\n"),
            "error frame 429 before any event" => Sse("data: {\"error\":{\"message\":\"slow down\",\"code\":429}}\n\n"),
            "ended without finish chunk" => Sse(first),
            "malformed event after an update" => Sse(first + "data: {\"choices\":[{\n\n"),
            _ => Sse(first + "data: " + new string('x', 2 * 1024 * 1024) + "\n\n"),
        });
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 3, delays: delays);
        var yielded = new List<string>();

        DeepInfraException error = await Assert.ThrowsAsync<DeepInfraException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
            {
                yielded.Add(update.Text);
            }
        });

        Assert.Single(handler.Requests);
        Assert.Empty(delays);
        Assert.NotNull(error.Message);
        Assert.True(yielded.Count == 0 || yielded.SequenceEqual(["already yielded"]));
    }

    [Theory]
    [InlineData("cut half way")]
    [InlineData("not JSON")]
    [InlineData("over the size limit")]
    [InlineData("error object in a 200")]
    public async Task GetResponseAsync_FailureAfterStatus200_NeverRetried(string failure)
    {
        var delays = new List<TimeSpan>();
        string body = Canned.Completion();
        var handler = new RecordingHandler().Reply(_ => failure switch
        {
            "cut half way" => Stream(new FuzzBodyStream(System.Text.Encoding.UTF8.GetBytes(body), null, 4096, body.Length / 2, _ => { })),
            "not JSON" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>maintenance</html>") },
            "over the size limit" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(new string(' ', 17 * 1024 * 1024) + body) },
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"error":{"message":"busy","code":503}}""") },
        });
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 3, delays: delays);

        await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("q"));

        Assert.Single(handler.Requests);
        Assert.Empty(delays);
    }

    private static void AssertDelay(TimeSpan delay, int attempt, (double Min, double Max)? seconds)
    {
        (double min, double max) = seconds ?? Backoff(attempt);
        Assert.InRange(delay.TotalSeconds, min - 1e-9, max + 1e-9);
    }

    /// <summary>0.5 s × 2^attempt, capped at 8 s, ±20% jitter (and never above the cap).</summary>
    private static (double Min, double Max) Backoff(int attempt)
    {
        double baseSeconds = Math.Min(8, 0.5 * Math.Pow(2, attempt));
        return (baseSeconds * 0.8, Math.Min(8, baseSeconds * 1.2));
    }

    private static Exception Failure(string failure) => failure switch
    {
        "connection refused" => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (deepinfra.test:443)"),
        "connection reset (IOException)" => new IOException("Unable to read data from the transport connection: Connection reset by peer."),
        "timeout" => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()),
        _ => new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (deepinfra.test:443)"),
    };

    private static async Task<string> CallAsync(DeepInfraChatClient client, bool streaming)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync("q")).Text;
        }

        var text = new System.Text.StringBuilder();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    private static HttpResponseMessage Sse(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "text/event-stream") };

    private static HttpResponseMessage Stream(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
