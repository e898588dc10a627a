using Microsoft.SemanticKernel;

namespace SkDeepInfra.Internal;

public sealed class DeepInfraErrorsTests
{
    private const string FastApiBody = """{"detail":[{"loc":["body","temperature"],"msg":"ensure this value is less than or equal to 2","type":"value_error"}]}""";

    [Theory]
    [InlineData("""{"error":"Model is not available"}""", "Model is not available")]
    [InlineData("""{"error":{"message":"Model is not available","type":"invalid_request_error"}}""", "Model is not available")]
    [InlineData("""{"detail":"Model is not available"}""", "Model is not available")]
    [InlineData(FastApiBody, "body.temperature: ensure this value is less than or equal to 2")]
    public async Task GetResponseAsync_ErrorShape_ThrowsWithProviderMessage(string body, string providerMessage)
    {
        var handler = new RecordingHandler().ReplyJson(body, HttpStatusCode.BadRequest);
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(providerMessage, ex.ProviderMessage);
        Assert.Equal(body, ex.ResponseContent);
        Assert.Equal("DeepInfra returned 400 (BadRequest): " + providerMessage + ".", ex.Message);
    }

    [Fact]
    public async Task GetResponseAsync_HtmlBadGateway_ThrowsWithStatusAndBody()
    {
        const string Html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body>\n</html>";
        var handler = new RecordingHandler().ReplyText(Html, "text/html", HttpStatusCode.BadGateway);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 0);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.ProviderMessage);
        Assert.Equal(Html, ex.ResponseContent);
        Assert.StartsWith("DeepInfra returned 502 (BadGateway)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorStatus_IsHttpOperationException()
    {
        var handler = new RecordingHandler().ReplyJson("""{"error":"nope"}""", HttpStatusCode.Forbidden);
        using DeepInfraChatClient client = TestClients.Create(handler);

        HttpOperationException ex = await Assert.ThrowsAnyAsync<HttpOperationException>(() => client.GetResponseAsync("Hi"));

        Assert.IsType<DeepInfraException>(ex);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("""{"error":"nope"}""", ex.ResponseContent);
    }

    [Fact]
    public async Task GetResponseAsync_UnauthorizedWithoutKey_MentionsEnvironmentVariable()
    {
        var handler = new RecordingHandler().ReplyJson("""{"detail":"Missing authentication"}""", HttpStatusCode.Unauthorized);
        using DeepInfraChatClient client = TestClients.Create(handler, apiKey: "");

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("Missing authentication", ex.ProviderMessage);
        Assert.Contains("DEEPINFRA_TOKEN", ex.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(handler.Requests).Authorization);
    }

    [Fact]
    public async Task GetResponseAsync_UnauthorizedWithKey_DoesNotMentionEnvironmentVariable()
    {
        var handler = new RecordingHandler().ReplyJson("""{"detail":"Invalid token"}""", HttpStatusCode.Unauthorized);
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal("Invalid token", ex.ProviderMessage);
        Assert.DoesNotContain("DEEPINFRA_TOKEN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_EmptyErrorBody_ThrowsWithStatusOnly()
    {
        var handler = new RecordingHandler().ReplyText("", "text/plain", HttpStatusCode.NotFound);
        using DeepInfraChatClient client = TestClients.Create(handler);

        DeepInfraException ex = await Assert.ThrowsAsync<DeepInfraException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Null(ex.ProviderMessage);
        Assert.Null(ex.ResponseContent);
        Assert.Equal("DeepInfra returned 404 (NotFound).", ex.Message);
    }

    [Theory]
    [InlineData("""{"message":"top-level"}""", "top-level")]
    [InlineData("""{"detail":{"error":"nested error"}}""", "nested error")]
    [InlineData("""{"detail":{"message":"nested message"}}""", "nested message")]
    [InlineData("""{"error":{"detail":"error detail"}}""", "error detail")]
    [InlineData("""{"detail":[{"loc":["body","messages",0,"role"],"msg":"bad role"},{"msg":"second"}]}""", "body.messages.0.role: bad role; second")]
    [InlineData("""  {"error":"leading space"}""", "leading space")]
    public void ReadProviderMessage_KnownShape_ReturnsMessage(string body, string expected)
    {
        Assert.Equal(expected, DeepInfraErrors.ReadProviderMessage(body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html>oops</html>")]
    [InlineData("""["error"]""")]
    [InlineData("""{"error":""")]
    [InlineData("""{"error":42}""")]
    [InlineData("""{"detail":[]}""")]
    [InlineData("""{"something":"else"}""")]
    public void ReadProviderMessage_UnknownShape_ReturnsNull(string? body)
    {
        Assert.Null(DeepInfraErrors.ReadProviderMessage(body));
    }

    [Fact]
    public void FromStatus_LongBody_ShortensMessageKeepsFullContent()
    {
        string body = "<html>" + new string('x', 5000) + "</html>";

        DeepInfraException ex = DeepInfraErrors.FromStatus(HttpStatusCode.InternalServerError, body, "text/html", keyConfigured: true);

        Assert.Equal(body, ex.ResponseContent);
        Assert.True(ex.Message.Length < 500, ex.Message);
        Assert.Contains('…', ex.Message);
    }

    [Fact]
    public void FromErrorFrame_CodeInErrorObject_UsedAsStatus()
    {
        JsonElement error = JsonDocument.Parse("""{"message":"rate limited","code":429}""").RootElement;

        DeepInfraException ex = DeepInfraErrors.FromErrorFrame(error, "raw", new SecretRedactor("k"));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("rate limited", ex.ProviderMessage);
        Assert.Equal("raw", ex.ResponseContent);
    }

    [Fact]
    public void FromErrorFrame_KeyInFrame_MaskedEverywhere()
    {
        const string Raw = """{"message":"bad key sk-secret-1"}""";
        JsonElement error = JsonDocument.Parse(Raw).RootElement;

        DeepInfraException ex = DeepInfraErrors.FromErrorFrame(error, Raw, new SecretRedactor("sk-secret-1"));

        Assert.Equal("bad key ***", ex.ProviderMessage);
        Assert.Equal("""{"message":"bad key ***"}""", ex.ResponseContent);
        Assert.DoesNotContain("sk-secret-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_ConnectionFailure_HasNoStatusAndKeepsInner()
    {
        var inner = new HttpRequestException("Connection refused");

        DeepInfraException ex = DeepInfraErrors.Unreachable(new Uri("https://deepinfra.test/v1/openai/chat/completions"), 4, inner, new SecretRedactor("k-123456"));

        Assert.Null(ex.StatusCode);
        Assert.Same(inner, ex.InnerException);
        Assert.Contains("4 attempt(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_FailureTextHoldsTheKey_InnerReplacedByAMaskedCopy()
    {
        var inner = new InvalidOperationException("Proxy rejected Bearer k-123456", new IOException("k-123456"));

        DeepInfraException ex = DeepInfraErrors.Unreachable(new Uri("https://deepinfra.test/v1/openai/embeddings"), 1, inner, new SecretRedactor("k-123456"));

        HttpRequestException masked = Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal("System.InvalidOperationException: Proxy rejected Bearer *** (the original exception is withheld because its text held the API key)", masked.Message);
        Assert.Null(masked.InnerException);
        Assert.DoesNotContain("k-123456", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("Proxy rejected Bearer ***", ex.Message, StringComparison.Ordinal);
    }
}
