using System.Reflection;
using System.Text;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>The fast reader yields what the source-generated serializer yields, or defers to it.</summary>
public sealed class ChatCompletionReaderTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string> { TestData.Read("completion-hello.json"), Canned.Completion("Hi \"there\" \u00b0\n<|eot_id|>") };
        foreach (string file in new[] { "stream-hello.sse", "stream-marker-split-usage.sse", "stream-tool-calls.sse" })
        {
            foreach (string line in TestData.Read(file).Split('\n'))
            {
                if (line.StartsWith("data: {", StringComparison.Ordinal))
                {
                    data.Add(line["data: ".Length..]);
                }
            }
        }

        data.Add("""{"id":"x","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"think"},"finish_reason":"length","logprobs":null}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"estimated_cost":1.5e-7,"completion_tokens_details":{"reasoning_tokens":4},"prompt_tokens_details":{"cached_tokens":5,"other":[1,{"a":2}]}},"system_fingerprint":"fp"}""");
        data.Add("""{"id":"x","choices":[],"usage":{"completion_tokens_details":null,"prompt_tokens_details":{}},"extra":{"nested":[true,null]}}""");
        data.Add("""{"choices":null,"usage":null,"created":null,"model":null,"id":"plain","object":"chat.completion"}""");
        data.Add("""{"choices":[{"index":2,"message":{"role":"assistant","content":"a","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}},{"index":null,"function":null}]},"finish_reason":"tool_calls"}]}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void TryReadReply_Capture_SameObjectsAsTheSerializer(string json)
    {
        ChatCompletionResponse? fast = ChatCompletionReader.TryReadReply(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(fast);
        Assert.Equal(Reference(json), Written(fast));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void TryRead_StreamReaderAfterAnotherChunk_SameObjectsAsTheSerializer(string json)
    {
        ChatCompletionReader reader = ChatCompletionReader.ForStream();
        Assert.NotNull(reader.TryRead(Encoding.UTF8.GetBytes("""{"id":"other","model":"m","created":1,"choices":[{"index":0,"delta":{"role":"assistant","content":"x","reasoning_content":"r","tool_calls":[{"index":0}]},"finish_reason":"stop"}],"usage":{"prompt_tokens":9}}""")));

        ChatCompletionResponse? fast = reader.TryRead(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(fast);
        Assert.Equal(Reference(json), Written(fast));
    }

    [Theory]
    [InlineData("stream-hello.sse")]
    [InlineData("stream-marker-split-usage.sse")]
    [InlineData("stream-tool-calls.sse")]
    public void TryRead_StreamReaderOverAWholeCapture_EachChunkAsTheSerializerReadsIt(string file)
    {
        ChatCompletionReader reader = ChatCompletionReader.ForStream();
        foreach (string line in TestData.Read(file).Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal)))
        {
            string json = line["data: ".Length..];
            Assert.Equal(Reference(json), Written(reader.TryRead(Encoding.UTF8.GetBytes(json))!));
        }
    }

    /// <summary>Chunks that share their leading bytes are read from where those end; what follows must still be read as a whole chunk would be.</summary>
    [Theory]
    [InlineData("""{"id":"a","model":"m","choices":[{"index":0,"delta":{"content":"x"}}],"created":5}""", """{"id":"a","model":"m","choices":[{"index":0,"delta":{"content":"y"}}]}""")]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"m","choices":[],"usage":{"prompt_tokens":1},"id":"b"}""")]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"m"}""")]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"m","choices":[],"object":"x","model":null}""")]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"mm","choices":[]}""")]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"m","x":{"choices":[1]},"choices":null}""")]
    [InlineData("""{"usage":{"total_tokens":2},"id":"a","choices":[]}""", """{"usage":{"total_tokens":3},"id":"a","choices":[]}""")]
    [InlineData("""{"choices":[],"id":"a"}""", """{"choices":[{"index":1,"delta":null}],"id":"b"}""")]
    public void TryRead_ChunkSharingTheLeadingBytes_SameObjectsAsTheSerializer(string first, string second)
    {
        ChatCompletionReader reader = ChatCompletionReader.ForStream();
        Assert.Equal(Reference(first), Written(reader.TryRead(Encoding.UTF8.GetBytes(first))!));

        Assert.Equal(Reference(second), Written(reader.TryRead(Encoding.UTF8.GetBytes(second))!));
    }

    [Theory]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"m","choices":[},""")]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"m","error":{"message":"boom"}}""")]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"m","error_type":"internal_error","error_message":"boom"}""")]
    [InlineData("""{"id":"a","model":"m","choices":[]}""", """{"id":"a","model":"m","choices":[]} []""")]
    public void TryRead_ChunkSharingTheLeadingBytesThenMalformed_ReturnsNull(string first, string second)
    {
        ChatCompletionReader reader = ChatCompletionReader.ForStream();
        Assert.NotNull(reader.TryRead(Encoding.UTF8.GetBytes(first)));

        Assert.Null(reader.TryRead(Encoding.UTF8.GetBytes(second)));
    }

    [Fact]
    public void TryRead_StreamReader_ReusesObjectsAndRepeatedStrings()
    {
        ChatCompletionReader reader = ChatCompletionReader.ForStream();
        byte[] chunk = Encoding.UTF8.GetBytes(Canned.Chunk("a"));

        ChatCompletionResponse first = reader.TryRead(chunk)!;
        string id = first.Id!;
        WireResponseMessage delta = first.Choices![0].Delta!;
        ChatCompletionResponse second = reader.TryRead(chunk)!;

        Assert.Same(first, second);
        Assert.Same(id, second.Id);
        Assert.Same(delta, second.Choices![0].Delta);
    }

    [Theory]
    [InlineData("""{"error":{"message":"boom"}}""")]
    [InlineData("""{"error_type":"internal_error","error_message":"boom"}""")]
    [InlineData("""{"id":"a","choices":[],"error_message":"boom"}""")]
    [InlineData("""{"choices":[{"index":0},{"index":1}]}""")]
    [InlineData("""{"choices":[null]}""")]
    [InlineData("""{"choices":[{"index":null}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":5}}]}""")]
    [InlineData("""{"id":7}""")]
    [InlineData("""{"created":1.5}""")]
    [InlineData("""{"created":"1"}""")]
    [InlineData("""{"usage":{"prompt_tokens":3000000000}}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":{"a":1}}}]}}]}""")]
    [InlineData("""{"\u0069d":"an escaped member name"}""")]
    [InlineData("""{"id":"a"} trailing""")]
    [InlineData("""{"id":"a"}{"id":"b"}""")]
    [InlineData("""{"id":"a",}""")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("")]
    public void TryRead_ShapeTheSerializerMustJudge_ReturnsNull(string json)
    {
        Assert.Null(ChatCompletionReader.TryReadReply(Encoding.UTF8.GetBytes(json)));
        Assert.Null(ChatCompletionReader.ForStream().TryRead(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void TryRead_InvalidUtf8_ReturnsNull()
    {
        byte[] json = [.. "{\"id\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Null(ChatCompletionReader.ForStream().TryRead(json));
    }

    /// <summary>A member added to a response wire type must be taught to the reader too: this list is its checklist.</summary>
    [Theory]
    [InlineData(typeof(ChatCompletionResponse), "Id,Object,Created,Model,Choices,Usage,Error,ErrorType,ErrorMessage")]
    [InlineData(typeof(WireChoice), "Index,Message,Delta,FinishReason")]
    [InlineData(typeof(WireResponseMessage), "Role,Content,ReasoningContent,ToolCalls")]
    [InlineData(typeof(WireToolCall), "Index,Id,Type,Function")]
    [InlineData(typeof(WireFunctionCall), "Name,Arguments")]
    [InlineData(typeof(WireUsage), "PromptTokens,CompletionTokens,TotalTokens,EstimatedCost,CompletionTokensDetails,PromptTokensDetails")]
    [InlineData(typeof(WireCompletionTokensDetails), "ReasoningTokens")]
    [InlineData(typeof(WirePromptTokensDetails), "CachedTokens")]
    public void WireResponseTypes_MembersAreTheOnesTheReaderKnows(Type type, string members)
    {
        Assert.Equal(members, string.Join(',', type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)));
    }

    private static string Reference(string json) =>
        Written(JsonSerializer.Deserialize(json, DeepInfraJsonContext.Default.ChatCompletionResponse)!);

    private static string Written(ChatCompletionResponse response) =>
        JsonSerializer.Serialize(response, DeepInfraJsonContext.Default.ChatCompletionResponse);
}
