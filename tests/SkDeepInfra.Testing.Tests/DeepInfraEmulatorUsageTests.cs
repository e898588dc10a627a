using System.Text.Json;

namespace SkDeepInfra.Testing;

public sealed class DeepInfraEmulatorUsageTests
{
    [Fact]
    public async Task ChatCompletions_Usage_FollowsTheDocumentedEstimate()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("0123456789").WithReasoning("abc"));
        string json = """
            {"model":"meta-llama/Meta-Llama-3.1-70B-Instruct","messages":[
              {"role":"system","content":""},
              {"role":"user","content":"123456789"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"fn","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"12345"}]}
            """;

        (_, JsonElement body) = await harness.PostForJsonAsync(json);

        JsonElement usage = body.GetProperty("usage");
        Assert.Equal(1 + 3 + 1 + 2, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(4, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(11, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(((7 * 0.23m) + (4 * 0.40m)) / 1_000_000m, usage.GetProperty("estimated_cost").GetDecimal());
    }

    [Fact]
    public async Task ChatCompletions_Tools_CountTheirRawJsonText()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        const string tools = """[{"type":"function","function":{"name":"f"}}]""";

        (_, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body("abcd", $"\"tools\":{tools}"));

        Assert.Equal(1 + ((tools.Length + 3) / 4), body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_CustomAndFallbackPrices_AreUsed()
    {
        var options = new DeepInfraEmulatorOptions { FallbackPrice = new EmulatorModelPrice(1m, 2m) };
        options.Prices["my/model"] = new EmulatorModelPrice(10m, 20m);
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: options);
        harness.Emulator.Enqueue(EmulatorReply.Text("1234"), EmulatorReply.Text("1234"));

        (_, JsonElement custom) = await harness.PostForJsonAsync("""{"model":"MY/MODEL","messages":[{"role":"user","content":"1234"}]}""");
        (_, JsonElement fallback) = await harness.PostForJsonAsync("""{"model":"unknown/model","messages":[{"role":"user","content":"1234"}]}""");

        Assert.Equal(30m / 1_000_000m, custom.GetProperty("usage").GetProperty("estimated_cost").GetDecimal());
        Assert.Equal(3m / 1_000_000m, fallback.GetProperty("usage").GetProperty("estimated_cost").GetDecimal());
    }

    [Fact]
    public async Task ChatCompletions_UsageOverride_ReplacesEstimate()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("x").WithUsage(15, 16, 0.0000268m), EmulatorReply.Text("x").WithUsage(100, 50));

        (_, JsonElement first) = await harness.PostForJsonAsync(EmulatorHarness.Body());
        (_, JsonElement second) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        JsonElement usage = first.GetProperty("usage");
        Assert.Equal(15, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(16, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(31, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0.0000268m, usage.GetProperty("estimated_cost").GetDecimal());
        Assert.Equal(((100 * 0.02m) + (50 * 0.03m)) / 1_000_000m, second.GetProperty("usage").GetProperty("estimated_cost").GetDecimal());
    }

    [Fact]
    public async Task ChatCompletions_WithoutUsage_OmitsUsage()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.Text("x").WithoutUsage());

        (_, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body());

        Assert.False(body.TryGetProperty("usage", out _));
    }

    [Fact]
    public void EstimateCost_IsExactPerMillion()
    {
        var price = new EmulatorModelPrice(0.03m, 0.05m);

        Assert.Equal(0.00000013m, price.EstimateCost(1, 2));
    }
}
