using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// The default <see cref="ITokenEstimator"/>: an upper bound, not a guess. Byte-level BPE and SentencePiece tokenizers
/// (Llama, Qwen, Mistral, DeepSeek, Gemma) never make more tokens than a text has UTF-8 bytes, so every byte of text, tool
/// argument, tool result, schema and instruction counts as a token; each message adds 16 tokens for its chat-template
/// markers, each tool twice its schema's bytes (templates print schemas indented) plus 32, each request 64 (and 512 more
/// when tools are offered, for the template's tool preamble).
/// </summary>
/// <remarks>
/// Content other than text, tool calls and tool results (images, audio, files) counts <see cref="NonTextContentTokens"/>
/// each, which is a typical figure, not a bound: a ceiling is guaranteed only for text conversations. Expect it to
/// overestimate English text about four times, which only makes a run stop earlier.
/// </remarks>
public sealed class ConservativeTokenEstimator : ITokenEstimator
{
    /// <summary>The tokens counted for each image, audio clip, file or other non-text content.</summary>
    public const int NonTextContentTokens = 4096;

    private const int PerMessage = 16;
    private const int PerRequest = 64;
    private const int ToolPreamble = 512;
    private const int PerTool = 32;
    private const int PerToolCall = 16;

    // Arguments and results go on the wire as compact JSON; MEAI's default options indent.
    private static readonly JsonSerializerOptions s_compact = CreateCompactOptions();

    /// <summary>Gets the shared instance.</summary>
    public static ConservativeTokenEstimator Instance { get; } = new();

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    public long EstimateInputTokens(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (messages is null)
        {
            throw new ArgumentNullException(nameof(messages));
        }

        long tokens = 0;
        foreach (ChatMessage message in messages)
        {
            tokens += PerMessage + Bytes(message.AuthorName);
            foreach (AIContent content in message.Contents)
            {
                tokens += Estimate(content);
            }
        }

        return options is null ? tokens : tokens + EstimateOptions(options);
    }

    private static long EstimateOptions(ChatOptions options)
    {
        long tokens = PerRequest + (options.Instructions is null ? 0 : PerMessage + Bytes(options.Instructions));
        if (options.Tools is { Count: > 0 } tools)
        {
            tokens += ToolPreamble;
            foreach (AITool tool in tools)
            {
                tokens += PerTool + Bytes(tool.Name) + Bytes(tool.Description)
                    + (tool is AIFunctionDeclaration function ? 2L * RawBytes(function.JsonSchema) : 0);
            }
        }

        if (options.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
        {
            tokens += PerMessage + 2L * RawBytes(schema);
        }

        return tokens;
    }

    private static long Estimate(AIContent content) => content switch
    {
        TextContent text => Bytes(text.Text),
        TextReasoningContent reasoning => Bytes(reasoning.Text),
        FunctionCallContent call => PerToolCall + Bytes(call.CallId) + Bytes(call.Name) + JsonBytes(call.Arguments),
        FunctionResultContent result => PerToolCall + Bytes(result.CallId) + (result.Result is string s ? Bytes(s) : JsonBytes(result.Result)),
        UsageContent or ToolApprovalRequestContent or ToolApprovalResponseContent => 0,
        _ => NonTextContentTokens,
    };

    private static JsonSerializerOptions CreateCompactOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }

    private static long Bytes(string? text) => string.IsNullOrEmpty(text) ? 0 : Encoding.UTF8.GetByteCount(text);

    /// <summary>The length of the element's JSON text as it was written, read without copying it.</summary>
    private static long RawBytes(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).Length;

    private static long JsonBytes(object? value)
    {
        if (value is null)
        {
            return 4;
        }

        try
        {
            ByteCountingStream counter = ByteCountingStream.Rent();
            JsonSerializer.Serialize(counter, value, s_compact.GetTypeInfo(value.GetType()));
            long bytes = counter.Count;
            ByteCountingStream.Return(counter);
            return bytes;
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            // A value the serializer cannot describe is sent as its text.
            return Bytes(value.ToString());
        }
    }
}
