using System.Net;
using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorModelsTests
{
    private const string Path = "models";

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Loopback)]
    public async Task Models_Defaults_ListLlamaAndEmbeddingModelsInOrder(Transport transport)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(transport);

        (int status, JsonElement body) = await harness.GetForJsonAsync(Path);

        Assert.Equal(200, status);
        Assert.Equal("list", body.GetProperty("object").GetString());
        string[] ids = [.. body.GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()!)];
        Assert.Equal(
            [
                "meta-llama/Meta-Llama-3.1-8B-Instruct",
                "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
                "meta-llama/Meta-Llama-3.1-70B-Instruct",
                "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo",
                "meta-llama/Meta-Llama-3.1-405B-Instruct",
                "BAAI/bge-large-en-v1.5",
                "BAAI/bge-base-en-v1.5",
                "BAAI/bge-m3",
                "sentence-transformers/all-MiniLM-L6-v2",
            ],
            ids);
        Assert.Equal("GET", harness.Emulator.LastRequest!.Method);
    }

    [Fact]
    public async Task Models_TextGenerationModel_HasFullMetadataAndBothPrices()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (_, JsonElement body) = await harness.GetForJsonAsync(Path);

        Assert.Equal(
            """{"id":"meta-llama/Meta-Llama-3.1-8B-Instruct","object":"model","created":1721692800,"owned_by":"deepinfra","root":"meta-llama/Meta-Llama-3.1-8B-Instruct","parent":null,"metadata":{"description":"Llama 3.1 8B, instruction tuned.","context_length":131072,"max_tokens":16384,"pricing":{"input_tokens":0.03,"output_tokens":0.05},"tags":[]}}""",
            body.GetProperty("data")[0].GetRawText());
    }

    [Fact]
    public async Task Models_EmbeddingModel_HasInputPriceOnlyAndNoMaxTokens()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        (_, JsonElement body) = await harness.GetForJsonAsync(Path);

        Assert.Equal(
            """{"id":"BAAI/bge-base-en-v1.5","object":"model","created":1721692800,"owned_by":"deepinfra","root":"BAAI/bge-base-en-v1.5","parent":null,"metadata":{"description":"BGE base English text embeddings.","context_length":512,"pricing":{"input_tokens":0.005},"tags":[]}}""",
            body.GetProperty("data")[6].GetRawText());
    }

    [Fact]
    public async Task Models_Pricing_FollowsPricesAndFallback()
    {
        var options = new DeepInfraEmulatorOptions { FallbackPrice = new EmulatorModelPrice(0.7m, 0.9m) };
        options.Prices["meta-llama/Meta-Llama-3.1-8B-Instruct"] = new EmulatorModelPrice(1.5m, 2.5m);
        options.Prices.Remove("BAAI/bge-m3");
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: options);

        (_, JsonElement body) = await harness.GetForJsonAsync(Path);

        JsonElement data = body.GetProperty("data");
        Assert.Equal("""{"input_tokens":1.5,"output_tokens":2.5}""", data[0].GetProperty("metadata").GetProperty("pricing").GetRawText());
        Assert.Equal("""{"input_tokens":0.7}""", data[7].GetProperty("metadata").GetProperty("pricing").GetRawText());
    }

    [Fact]
    public async Task Models_BareModel_HasNullMetadata()
    {
        var options = new DeepInfraEmulatorOptions();
        options.Models.Clear();
        options.Models.Add(new EmulatorModel("my/bare"));
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: options);

        using HttpResponseMessage response = await harness.Client.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"object":"list","data":[{"id":"my/bare","object":"model","created":1721692800,"owned_by":"deepinfra","root":"my/bare","parent":null,"metadata":null}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Models_CustomModel_IsListedWithItsSettings()
    {
        var options = new DeepInfraEmulatorOptions();
        var model = new EmulatorModel("acme/coder-7b") { ContextLength = 4096, Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) };
        model.Tags.Add("code");
        model.Tags.Add("chat");
        options.Models.Add(model);
        options.Prices["acme/coder-7b"] = new EmulatorModelPrice(0.2m, 0.4m);
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: options);

        (_, JsonElement body) = await harness.GetForJsonAsync(Path);

        Assert.Equal(
            """{"id":"acme/coder-7b","object":"model","created":1700000000,"owned_by":"deepinfra","root":"acme/coder-7b","parent":null,"metadata":{"context_length":4096,"pricing":{"input_tokens":0.2,"output_tokens":0.4},"tags":["code","chat"]}}""",
            body.GetProperty("data")[9].GetRawText());
    }

    [Fact]
    public async Task Models_WithApiKey_IsPublic()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { ApiKey = "secret" });

        (int status, JsonElement body) = await harness.GetForJsonAsync(Path);

        Assert.Equal(200, status);
        Assert.Equal(9, body.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Models_Post_Returns405AllowingGet()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();

        using HttpResponseMessage response = await harness.PostAsync("{}", path: Path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET", response.Content.Headers.Allow.Single());
        Assert.Single(harness.Emulator.Requests);
    }

    [Fact]
    public async Task Models_ResponderRawReply_IsSentVerbatim()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Responder = request => request.Path.EndsWith("/models", StringComparison.Ordinal) ? EmulatorReply.Error(503) : null;

        using HttpResponseMessage response = await harness.Client.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(
            """{"error":{"message":"Service Unavailable","type":"server_error","param":null,"code":null}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Models_ResponderChatReply_Returns500()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Responder = _ => EmulatorReply.ToolCalls(new EmulatorToolCall("f"));

        (int status, JsonElement body) = await harness.GetForJsonAsync(Path);

        Assert.Equal(500, status);
        Assert.StartsWith(
            "The emulator's responder returned a chat completion reply for GET /v1/openai/models;",
            body.GetProperty("error").GetProperty("message").GetString(),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void EmulatorModel_BlankId_Throws(string? id) =>
        Assert.ThrowsAny<ArgumentException>(() => new EmulatorModel(id!));

    [Fact]
    public void EmulatorModel_NonPositiveSizes_Throw()
    {
        var model = new EmulatorModel("m");

        ArgumentOutOfRangeException dimensions = Assert.Throws<ArgumentOutOfRangeException>(() => model.EmbeddingDimensions = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ContextLength = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.MaxTokens = 0);
        Assert.Equal("EmbeddingDimensions", dimensions.ParamName);
        Assert.Contains("[1, 2147483647]", dimensions.Message, StringComparison.Ordinal);
        model.EmbeddingDimensions = null;
        Assert.Null(model.EmbeddingDimensions);
    }

    [Fact]
    public void EmulatorModel_Defaults_AreTextGenerationCreatedOn20240723()
    {
        var model = new EmulatorModel("m");

        Assert.Equal("m", model.Id);
        Assert.Null(model.EmbeddingDimensions);
        Assert.Empty(model.Tags);
        Assert.Equal(new DateTimeOffset(2024, 7, 23, 0, 0, 0, TimeSpan.Zero), model.Created);
    }
}
