using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorAuthTests
{
    private const string Key = "test-key-123";

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_NoAuthorization_Returns401WithDeepInfraError(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport, new DeepInfraEmulatorOptions { ApiKey = Key });

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        Assert.Equal(401, status);
        JsonElement error = body.GetProperty("error");
        Assert.Equal("Not authenticated", error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
    }

    [Theory]
    [InlineData(Transport.InProcess, "Bearer wrong")]
    [InlineData(Transport.InProcess, "Basic dGVzdC1rZXktMTIz")]
    [InlineData(Transport.InProcess, "test-key-123")]
    [InlineData(Transport.Loopback, "Bearer wrong")]
    public async Task ChatCompletions_WrongAuthorization_Returns401(Transport transport, string authorization)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport, new DeepInfraEmulatorOptions { ApiKey = Key });
        harness.Client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        Assert.Equal(401, status);
        Assert.Equal("Invalid API key", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(0, harness.Emulator.PendingReplies);
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task ChatCompletions_RightKey_Answers(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport, new DeepInfraEmulatorOptions { ApiKey = Key });
        harness.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        Assert.Equal(200, status);
        Assert.Equal("You said: Hello!", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ChatCompletions_RefusedForAuth_DoesNotConsumeScript()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { ApiKey = Key });
        harness.Emulator.Enqueue(EmulatorReply.Text("scripted"));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.Body());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, harness.Emulator.PendingReplies);
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task Requests_Authorization_IsRedacted(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport, new DeepInfraEmulatorOptions { ApiKey = Key });
        harness.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.Body());

        EmulatorRequest request = Assert.Single(harness.Emulator.Requests);
        Assert.Equal("Bearer ***", request.Headers["authorization"]);
        Assert.DoesNotContain(Key, string.Join("|", request.Headers.Values), System.StringComparison.Ordinal);
    }
}
