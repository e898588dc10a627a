using System.Collections;
using Microsoft.Extensions.Logging;

namespace SkDeepInfra;

/// <summary>The API key never appears in logs, exceptions or their contents, even when a server echoes it.</summary>
public sealed class SecretsTests
{
    private const string Key = TestClients.ApiKey;

    private static readonly Dictionary<string, Action<RecordingHandler>> s_scenarios = new()
    {
        ["400 error string"] = h => h.ReplyJson("""{"error":"Bad key test-key-5f3a9c1e7b2d"}""", HttpStatusCode.BadRequest),
        ["401 error object"] = h => h.ReplyJson("""{"error":{"message":"Invalid token test-key-5f3a9c1e7b2d"}}""", HttpStatusCode.Unauthorized),
        ["402 detail"] = h => h.ReplyJson("""{"detail":"No balance for test-key-5f3a9c1e7b2d"}""", HttpStatusCode.PaymentRequired),
        ["403 FastAPI detail"] = h => h.ReplyJson("""{"detail":[{"loc":["header","authorization"],"msg":"Bearer test-key-5f3a9c1e7b2d is revoked"}]}""", HttpStatusCode.Forbidden),
        ["404 html"] = h => h.ReplyText("<html><body>Not found for Bearer test-key-5f3a9c1e7b2d</body></html>", "text/html", HttpStatusCode.NotFound),
        ["408 empty"] = h => h.ReplyText("", "text/plain", HttpStatusCode.RequestTimeout),
        ["422 detail"] = h => h.ReplyJson("""{"detail":"Authorization: Bearer test-key-5f3a9c1e7b2d"}""", HttpStatusCode.UnprocessableEntity),
        ["429 error object"] = h => h.ReplyJson("""{"error":{"message":"Rate limit for test-key-5f3a9c1e7b2d"}}""", HttpStatusCode.TooManyRequests),
        ["500 plain text"] = h => h.ReplyText("Internal error: test-key-5f3a9c1e7b2d", "text/plain", HttpStatusCode.InternalServerError),
        ["502 html"] = h => h.ReplyText("<html>502 Bad Gateway test-key-5f3a9c1e7b2d</html>", "text/html", HttpStatusCode.BadGateway),
        ["503 error string"] = h => h.ReplyJson("""{"error":"Overloaded test-key-5f3a9c1e7b2d"}""", HttpStatusCode.ServiceUnavailable),
        ["504 detail"] = h => h.ReplyJson("""{"detail":"Timeout test-key-5f3a9c1e7b2d"}""", HttpStatusCode.GatewayTimeout),
        ["retries exhausted, mixed"] = h => h
            .ReplyJson("""{"error":"a test-key-5f3a9c1e7b2d"}""", HttpStatusCode.TooManyRequests)
            .ReplyText("b test-key-5f3a9c1e7b2d", "text/plain", HttpStatusCode.BadGateway)
            .ReplyJson("""{"detail":"c test-key-5f3a9c1e7b2d"}""", HttpStatusCode.ServiceUnavailable),
        ["200 html"] = h => h.ReplyText("<html>Login test-key-5f3a9c1e7b2d</html>", "text/html"),
        ["200 empty choices"] = h => h.ReplyJson("""{"choices":[],"echo":"test-key-5f3a9c1e7b2d"}"""),
        ["200 choice without message"] = h => h.ReplyJson("""{"choices":[{"index":0}],"echo":"test-key-5f3a9c1e7b2d"}"""),
        ["200 choices wrong type"] = h => h.ReplyJson("""{"choices":"test-key-5f3a9c1e7b2d"}"""),
        ["200 usage wrong type"] = h => h.ReplyJson("""{"choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":"test-key-5f3a9c1e7b2d"}}"""),
        ["200 empty"] = h => h.ReplyText("", "application/json"),
        ["200 null"] = h => h.ReplyJson("null"),
        ["200 tool call without name"] = h => h.ReplyJson("""{"choices":[{"message":{"tool_calls":[{"id":"test-key-5f3a9c1e7b2d","function":{"arguments":"{}"}}]}}]}"""),
        ["200 error object"] = h => h.ReplyJson("""{"error":{"message":"boom test-key-5f3a9c1e7b2d"}}"""),
        ["connection failure"] = h => h.Throw(new HttpRequestException("Connection refused")),
        ["custom handler's failure names the key"] = h => h.Throw(new HttpRequestException("Proxy refused Bearer test-key-5f3a9c1e7b2d", new IOException("key test-key-5f3a9c1e7b2d"))),
        ["timeout"] = h => h.Throw(new TaskCanceledException("The request timed out.")),
    };

    public static TheoryData<string> Scenarios => [.. s_scenarios.Keys];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task GetResponseAsync_ErrorPath_KeyNeverExposed(string scenario)
    {
        var handler = new RecordingHandler();
        s_scenarios[scenario](handler);
        using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 2, delays: [], loggerFactory: loggerFactory);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal("Bearer " + Key, handler.Requests[0].Authorization);
        AssertNoKey(ex);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task GetResponseAsync_ServerEchoesKey_KeyMaskedInContentAndMessage(HttpStatusCode status)
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":{"message":"Invalid API key: test-key-5f3a9c1e7b2d"}}""", status);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 0);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal("""{"error":{"message":"Invalid API key: ***"}}""", ex.ResponseContent);
        Assert.Equal("Invalid API key: ***", ex.ProviderMessage);
        Assert.Contains("Invalid API key: ***", ex.Message, StringComparison.Ordinal);
        AssertNoKey(ex);
    }

    [Fact]
    public async Task GetResponseAsync_MalformedReplyEchoesKey_KeyMaskedInContent()
    {
        var handler = new RecordingHandler().ReplyText("<html>Hello test-key-5f3a9c1e7b2d</html>", "text/html");
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal("<html>Hello ***</html>", ex.ResponseContent);
    }

    [Fact]
    public async Task GetResponseAsync_SuccessAtTrace_KeyNotLoggedAndEchoMasked()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion("Your key is test-key-5f3a9c1e7b2d"));
        using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
        using DeepInfraChatClient client = TestClients.Create(handler, loggerFactory: loggerFactory);

        await client.GetResponseAsync("Hi");

        Assert.Contains(logs.Lines, line => line.Contains("response body", StringComparison.Ordinal) && line.Contains("Your key is ***", StringComparison.Ordinal));
        Assert.All(logs.Lines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
    }

    [Fact]
    public void DeepInfraClientOptions_ToString_NeverShowsKey()
    {
        var options = new DeepInfraClientOptions { ApiKey = Key };

        string text = options.ToString();

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepInfraChatClient_ToString_NeverShowsKey()
    {
        using DeepInfraChatClient client = TestClients.Create(new RecordingHandler());

        string text = client.ToString();

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Contains(Canned.Model, text, StringComparison.Ordinal);
    }

    private static void AssertNoKey(Exception exception)
    {
        for (Exception? ex = exception; ex is not null; ex = ex.InnerException)
        {
            Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, ex.ToString(), StringComparison.Ordinal);
            foreach (DictionaryEntry entry in ex.Data)
            {
                Assert.DoesNotContain(Key, entry.Value?.ToString() ?? string.Empty, StringComparison.Ordinal);
            }

            if (ex is DeepInfraException deepInfra)
            {
                Assert.DoesNotContain(Key, deepInfra.ResponseContent ?? string.Empty, StringComparison.Ordinal);
                Assert.DoesNotContain(Key, deepInfra.ProviderMessage ?? string.Empty, StringComparison.Ordinal);
            }
        }
    }
}
