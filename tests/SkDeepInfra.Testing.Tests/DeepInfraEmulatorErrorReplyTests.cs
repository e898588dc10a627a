using System.Net;
using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorErrorReplyTests
{
    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_RateLimited_SendsRetryAfterSeconds(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.RateLimited(TimeSpan.FromMilliseconds(1500)));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_ErrorWithDateAndMilliseconds_SendsBothHeaders(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        var date = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        harness.Emulator.Enqueue(EmulatorReply.Error(503).WithRetryAfter(date).WithRetryAfterMilliseconds(1250));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.Body());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(date, response.Headers.RetryAfter?.Date);
        Assert.Equal("Wed, 02 Jan 2030 01:04:05 GMT", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("1250", response.Headers.GetValues("retry-after-ms").Single());
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement error = body.RootElement.GetProperty("error");
        Assert.Equal("Service Unavailable", error.GetProperty("message").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChatCompletions_ErrorWithBody_SendsBodyVerbatim()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        const string body = """{"detail":{"error":"Model is overloaded"}}""";
        harness.Emulator.Enqueue(EmulatorReply.Error(400, body).WithHeader("x-request-id", "r-1"));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.Body());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal("r-1", response.Headers.GetValues("x-request-id").Single());
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_HtmlProxyPage_IsSentAsHtml(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        harness.Emulator.Enqueue(EmulatorReply.Html());

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>502 Bad Gateway</title>", page, StringComparison.Ordinal);
        Assert.Contains("nginx", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task Send_UnknownPathOrMethod_Returns404Or405(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);

        using HttpResponseMessage notFound = await harness.PostAsync(EmulatorHarness.Body(), path: "completions");
        using HttpResponseMessage wrongMethod = await harness.Client.GetAsync(new Uri("chat/completions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("""{"detail":"Not Found"}""", await notFound.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("POST", wrongMethod.Content.Headers.Allow.Single());
        Assert.Equal(2, harness.Emulator.Requests.Count);
    }
}
