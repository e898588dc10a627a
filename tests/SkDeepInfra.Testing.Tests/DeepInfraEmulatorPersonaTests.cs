using System.Text.Json;

namespace SkDeepInfra.Testing;

/// <summary>Personas answer as their family does: tool calls as text in its format, inline reasoning, end marker, no-tools error.</summary>
public sealed class DeepInfraEmulatorPersonaTests
{
    private const string Tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";

    public static TheoryData<string, string> WrittenCalls => new()
    {
        { nameof(EmulatorPersona.Llama31), """<|python_tag|>{"name": "get_weather", "parameters": {"city":"Paris","hot":true}}""" },
        { nameof(EmulatorPersona.Llama32), """[get_weather(city="Paris", hot=True)]""" },
        { nameof(EmulatorPersona.Qwen3), "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\",\"hot\":true}}\n</tool_call>" },
        { nameof(EmulatorPersona.Mistral), """[TOOL_CALLS][{"name": "get_weather", "arguments": {"city":"Paris","hot":true}}]""" },
        { nameof(EmulatorPersona.DeepSeekV3), "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\":\"Paris\",\"hot\":true}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>" },
    };

    [Theory]
    [MemberData(nameof(WrittenCalls))]
    public async Task ChatCompletions_PersonaToolCallReply_WrittenAsTextInItsFormat(string persona, string expected)
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { Persona = Persona(persona) });
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris","hot":true}""")));

        (int status, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body("Weather?", Tools));

        Assert.Equal(200, status);
        JsonElement choice = body.GetProperty("choices")[0];
        Assert.Equal(expected, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletions_StreamedPersonaReply_InlineThinkThenEndMarker()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { Persona = EmulatorPersona.Qwen3 });
        harness.Emulator.Enqueue(EmulatorReply.Text("Hi!").WithReasoning("Greet back."));

        using HttpResponseMessage response = await harness.PostAsync(EmulatorHarness.StreamBody());
        string sse = await response.Content.ReadAsStringAsync();

        string content = string.Concat(sse.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[6..]).RootElement.GetProperty("choices"))
            .Where(c => c.GetArrayLength() > 0 && c[0].GetProperty("delta").TryGetProperty("content", out _))
            .Select(c => c[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal("<think>\nGreet back.\n</think>\n\nHi!<|im_end|>", content);
        Assert.DoesNotContain("reasoning_content", sse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_NoNativeToolsPersonaWithTools_400NotSupportedAndReplyKept()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync(options: new DeepInfraEmulatorOptions { PersonasByModelId = true });
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""")));
        string body = EmulatorHarness.Body("Weather?", Tools).Replace(EmulatorHarness.Model, "google/gemma-3-27b-it", StringComparison.Ordinal);

        (int refused, JsonElement error) = await harness.PostForJsonAsync(body);
        (int answered, JsonElement reply) = await harness.PostForJsonAsync(EmulatorHarness.Body("Weather?").Replace(EmulatorHarness.Model, "google/gemma-3-27b-it", StringComparison.Ordinal));

        Assert.Equal(400, refused);
        Assert.Equal("Tool calling is not supported for model google/gemma-3-27b-it", error.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(200, answered);
        Assert.Equal("""[get_weather(city="Paris")]""", reply.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("meta-llama/Meta-Llama-3.1-70B-Instruct", "Llama 3.1")]
    [InlineData("meta-llama/Llama-3.2-3B-Instruct", "Llama 3.2")]
    [InlineData("Qwen/Qwen3-32B", "Qwen3")]
    [InlineData("deepseek-ai/DeepSeek-V3-0324", "DeepSeek V3")]
    [InlineData("deepseek-ai/DeepSeek-R1", "DeepSeek R1")]
    [InlineData("mistralai/Mistral-Small-24B-Instruct-2501", "Mistral")]
    [InlineData("google/gemma-3-27b-it", "Gemma")]
    [InlineData("openai/gpt-oss-120b", "gpt-oss")]
    public void ForModel_ModelId_ItsFamily(string model, string persona) => Assert.Equal(persona, EmulatorPersona.ForModel(model)!.Name);

    [Fact]
    public async Task ChatCompletions_NoPersona_ToolCallsStayNative()
    {
        await using EmulatorHarness harness = await EmulatorHarness.CreateAsync();
        harness.Emulator.Enqueue(EmulatorReply.ToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""")));

        (_, JsonElement body) = await harness.PostForJsonAsync(EmulatorHarness.Body("Weather?", Tools));

        Assert.Equal("get_weather", body.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
    }

    private static EmulatorPersona Persona(string name) =>
        (EmulatorPersona)typeof(EmulatorPersona).GetProperty(name)!.GetValue(null)!;
}
