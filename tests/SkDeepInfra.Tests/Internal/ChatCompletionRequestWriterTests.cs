using System.Reflection;
using System.Text;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>The hand-written request writer writes what the source-generated serializer writes, byte for byte.</summary>
public sealed class ChatCompletionRequestWriterTests
{
    [Fact]
    public void Write_EveryMemberSet_SameBytesAsTheSerializer()
    {
        using JsonDocument schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string","description":"<b>&'\"°"}}}""");
        var request = new ChatCompletionRequest
        {
            Model = "meta-llama/Meta-Llama-3.1-8B-Instruct",
            Messages =
            [
                new() { Role = "system", Content = new WireContent("Be \"brief\" <now> & 21 °C, 😀\n\t") },
                new() { Role = "user", Name = "ann", Content = new WireContent([new WireContentPart { Type = "text", Text = "look" }, new WireContentPart { Type = "image_url", ImageUrl = "data:image/png;base64,AAA=" }]) },
                new()
                {
                    Role = "assistant",
                    ReasoningContent = "Weather \"first\" 😀",
                    ToolCalls = [new WireToolCall { Index = 0, Id = "call_1", Type = "function", Function = new WireFunctionCall { Name = "get", Arguments = "{\"city\":\"Paris\"}" } }, new WireToolCall { Id = "call_2" }],
                },
                new() { Role = "tool", ToolCallId = "call_1", Content = new WireContent("{\"t\":21}") },
            ],
            Stream = true,
            StreamOptions = new WireStreamOptions(),
            Temperature = 0.7,
            TopP = 0.95,
            MinP = 0.05,
            TopK = 40,
            MaxTokens = 1024,
            PresencePenalty = -1.5,
            FrequencyPenalty = 1e-7,
            RepetitionPenalty = 1.1,
            Seed = long.MaxValue,
            User = "user-1",
            Stop = ["</s>", "\n\n"],
            ResponseFormat = new WireResponseFormat { Type = "json_schema", JsonSchema = new WireJsonSchema { Name = "r", Description = "d", Schema = schema.RootElement } },
            Tools =
            [
                new WireTool { Function = new WireFunctionDefinition { Name = "get", Description = "Gets.", Parameters = schema.RootElement } },
                new WireTool { Function = new WireFunctionDefinition { Name = "none" } },
            ],
            ToolChoice = "auto",
            ParallelToolCalls = false,
            ReasoningEffort = "low",
            Extra = new() { ["custom_key"] = JsonDocument.Parse("""{"a":[1,2.5,"x",null]}""").RootElement, ["flag\"quoted"] = JsonDocument.Parse("true").RootElement },
        };

        Assert.Equal(Serializer(request), Writer(request));
    }

    [Fact]
    public void Write_MappedRequests_SameBytesAsTheSerializer()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "sys"),
            new(ChatRole.User, "Hello \"world\" <3"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "f", new Dictionary<string, object?> { ["x"] = 1 })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "r")]),
        ];
        var options = new ChatOptions
        {
            Temperature = 0.2f,
            ResponseFormat = ChatResponseFormat.Json,
            Tools = [AIFunctionFactory.Create((string city) => city, "weather")],
            AdditionalProperties = new() { ["min_p"] = 0.1, ["other"] = "x" },
        };

        foreach (bool stream in new[] { false, true })
        {
            ChatCompletionRequest request = ChatRequestMapper.ToWireRequest(messages, options, "m", stream);
            Assert.Equal(Serializer(request), Writer(request));
        }

        ChatCompletionRequest minimal = ChatRequestMapper.ToWireRequest([new(ChatRole.User, "hi")], null, "m", stream: false);
        Assert.Equal(Serializer(minimal), Writer(minimal));
    }

    /// <summary>A member added to a request wire type must be taught to the writer too: this list is its checklist.</summary>
    [Theory]
    [InlineData(typeof(ChatCompletionRequest), "Model,Messages,Stream,StreamOptions,Temperature,TopP,MinP,TopK,MaxTokens,PresencePenalty,FrequencyPenalty,RepetitionPenalty,Seed,User,Stop,ResponseFormat,Tools,ToolChoice,ParallelToolCalls,ReasoningEffort,Extra")]
    [InlineData(typeof(WireRequestMessage), "Role,Content,Name,ToolCalls,ToolCallId,ReasoningContent")]
    [InlineData(typeof(WireToolCall), "Index,Id,Type,Function")]
    [InlineData(typeof(WireFunctionCall), "Name,Arguments")]
    [InlineData(typeof(WireTool), "Type,Function")]
    [InlineData(typeof(WireFunctionDefinition), "Name,Description,Parameters")]
    [InlineData(typeof(WireResponseFormat), "Type,JsonSchema")]
    [InlineData(typeof(WireJsonSchema), "Name,Description,Schema")]
    [InlineData(typeof(WireStreamOptions), "IncludeUsage")]
    public void WireRequestTypes_MembersAreTheOnesTheWriterKnows(Type type, string members)
    {
        Assert.Equal(members, string.Join(',', type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)));
    }

    private static string Serializer(ChatCompletionRequest request) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(request, DeepInfraJsonContext.Default.ChatCompletionRequest));

    private static string Writer(ChatCompletionRequest request)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ChatCompletionRequestWriter.Write(writer, request);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
