using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorEmbeddingsRequestTests
{
    [Theory]
    [InlineData("""{"input":"x"}""", "missing", """["body","model"]""")]
    [InlineData("""{"model":5,"input":"x"}""", "string_type", """["body","model"]""")]
    [InlineData("""{"model":"","input":"x"}""", "string_too_short", """["body","model"]""")]
    [InlineData("""{"model":"m"}""", "missing", """["body","input"]""")]
    [InlineData("""{"model":"m","input":5}""", "string_type", """["body","input"]""")]
    [InlineData("""{"model":"m","input":null}""", "string_type", """["body","input"]""")]
    [InlineData("""{"model":"m","input":[]}""", "too_short", """["body","input"]""")]
    [InlineData("""{"model":"m","input":["a",5]}""", "string_type", """["body","input",1]""")]
    [InlineData("""{"model":"m","input":"x","encoding_format":"int8"}""", "literal_error", """["body","encoding_format"]""")]
    [InlineData("""{"model":"m","input":"x","encoding_format":1}""", "literal_error", """["body","encoding_format"]""")]
    [InlineData("""{"model":"m","input":"x","dimensions":31}""", "greater_than_equal", """["body","dimensions"]""")]
    [InlineData("""{"model":"m","input":"x","dimensions":64.5}""", "int_from_float", """["body","dimensions"]""")]
    [InlineData("""{"model":"m","input":"x","dimensions":"64"}""", "int_type", """["body","dimensions"]""")]
    public async Task Embeddings_InvalidField_Returns422AtItsLocation(string json, string type, string loc)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, JsonElement body) = await harness.PostForJsonAsync(json, EmbeddingVectors.Path);

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal(type, issue.GetProperty("type").GetString());
        Assert.Equal(loc, issue.GetProperty("loc").GetRawText());
    }

    [Fact]
    public async Task Embeddings_DimensionsBelow32_ReportsFastApiIssueExactly()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        using HttpResponseMessage response = await harness.PostAsync("""{"model":"m","input":"x","dimensions":16}""", path: EmbeddingVectors.Path);

        Assert.Equal(
            """{"detail":[{"type":"greater_than_equal","loc":["body","dimensions"],"msg":"Input should be greater than or equal to 32","input":16,"ctx":{"ge":32}}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Embeddings_TooManyInputs_ReportsTooLong()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        string items = string.Join(",", Enumerable.Repeat("\"a\"", 1025));

        (int status, JsonElement body) = await harness.PostForJsonAsync($$"""{"model":"m","input":[{{items}}]}""", EmbeddingVectors.Path);

        Assert.Equal(422, status);
        JsonElement issue = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal("too_long", issue.GetProperty("type").GetString());
        Assert.Equal("List should have at most 1024 items after validation, not 1025", issue.GetProperty("msg").GetString());
        Assert.Equal("""{"field_type":"List","max_length":1024,"actual_length":1025}""", issue.GetProperty("ctx").GetRawText());
    }

    [Theory]
    [InlineData("""{"model":"m","input":"x","encoding_format":null,"dimensions":null}""")]
    [InlineData("""{"model":"m","input":"x","encoding_format":"base64","dimensions":32}""")]
    [InlineData("""{"model":"m","input":"","service_tier":"priority","user":"u"}""")]
    public async Task Embeddings_ValidBoundaries_AreAccepted(string json)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (int status, _) = await harness.PostForJsonAsync(json, EmbeddingVectors.Path);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Embeddings_ValidationOff_AcceptsSmallDimensionsButNotMalformedJson()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { ValidateRequests = false });

        (int status, JsonElement body) = await harness.PostForJsonAsync("""{"model":"m","input":"x","dimensions":5}""", EmbeddingVectors.Path);
        (int malformed, JsonElement detail) = await harness.PostForJsonAsync("""{"model":""", EmbeddingVectors.Path);

        Assert.Equal(200, status);
        Assert.Equal(5, EmbeddingVectors.Decode(body).Length);
        Assert.Equal(422, malformed);
        Assert.Equal("json_invalid", detail.GetProperty("detail")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Embeddings_WithApiKey_RequiresBearer()
    {
        var options = new DeepInfraEmulatorOptions { ApiKey = "k-1" };
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: options);
        const string json = """{"model":"BAAI/bge-m3","input":"x"}""";

        using HttpResponseMessage refused = await harness.PostAsync(json, path: EmbeddingVectors.Path);
        harness.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "k-1");
        using HttpResponseMessage accepted = await harness.PostAsync(json, path: EmbeddingVectors.Path);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(
            """{"error":{"message":"Not authenticated","type":"invalid_request_error","param":null,"code":null}}""",
            await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Embeddings_Get_Returns405AllowingPost()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        using HttpResponseMessage response = await harness.Client.GetAsync(new Uri(EmbeddingVectors.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.Equal("""{"detail":"Method Not Allowed"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task Embeddings_ResponderRateLimitsOnce_ThenDefaultReply(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);
        int calls = 0;
        harness.Emulator.Responder = _ => Interlocked.Increment(ref calls) == 1
            ? EmulatorReply.RateLimited(TimeSpan.FromSeconds(3)).WithHeader("x-request-id", "r-9")
            : null;
        harness.Emulator.Enqueue(EmulatorReply.Text("for chat only"));
        const string json = """{"model":"BAAI/bge-m3","input":"x"}""";

        using HttpResponseMessage limited = await harness.PostAsync(json, path: EmbeddingVectors.Path);
        using HttpResponseMessage answered = await harness.PostAsync(json, path: EmbeddingVectors.Path);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("r-9", limited.Headers.GetValues("x-request-id").Single());
        Assert.Equal(
            """{"error":{"message":"Rate limit exceeded, please slow down.","type":"rate_limit_error","param":null,"code":null}}""",
            await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(1, harness.Emulator.PendingReplies);
    }

    [Fact]
    public async Task Embeddings_ResponderConnectionCut_BreaksTheBody()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Responder = _ => EmulatorReply.Raw(200, """{"object":"list","data":[]}""").WithConnectionCut();

        using HttpResponseMessage response = await harness.PostAsync(
            """{"model":"BAAI/bge-m3","input":"x"}""", HttpCompletionOption.ResponseHeadersRead, EmbeddingVectors.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpRequestException failure = await Assert.ThrowsAsync<HttpRequestException>(() => response.Content.ReadAsStringAsync());
        Assert.IsType<HttpIOException>(failure.InnerException);
    }

    [Fact]
    public async Task Embeddings_ResponderChatReply_Returns500NamingTheMismatch()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Responder = _ => EmulatorReply.Text("not an embedding");

        using HttpResponseMessage response = await harness.PostAsync("""{"model":"BAAI/bge-m3","input":"x"}""", path: EmbeddingVectors.Path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            "The emulator's responder returned a chat completion reply for POST /v1/openai/embeddings; only Error, RateLimited, Html and Raw replies fit this endpoint.",
            body.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Embeddings_ResponderThrows_Returns500NamingTheException()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Responder = _ => throw new InvalidOperationException("boom");

        (int status, JsonElement body) = await harness.PostForJsonAsync("""{"model":"BAAI/bge-m3","input":"x"}""", EmbeddingVectors.Path);

        Assert.Equal(500, status);
        Assert.Equal("The emulator's responder threw InvalidOperationException: boom", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Embeddings_RefusedRequest_DoesNotAskTheResponder()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        int calls = 0;
        harness.Emulator.Responder = _ =>
        {
            calls++;
            return null;
        };

        (int status, _) = await harness.PostForJsonAsync("""{"model":"m","input":[]}""", EmbeddingVectors.Path);

        Assert.Equal(422, status);
        Assert.Equal(0, calls);
        Assert.Empty(harness.Emulator.LastRequest!.Inputs);
    }
}
