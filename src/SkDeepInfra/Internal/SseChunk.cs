using System;
using System.Text.Json;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>One parsed SSE event of a chat stream: a chunk, the <c>[DONE]</c> sentinel, nothing, or bytes that are not JSON.</summary>
internal readonly struct SseChunk
{
    private const string ErrorEventType = "error";

    private SseChunk(ChatCompletionResponse? chunk, bool isDone, byte[]? invalid, JsonException? error, JsonElement? raw = null)
    {
        Chunk = chunk;
        IsDone = isDone;
        Invalid = invalid;
        Error = error;
        Raw = raw;
    }

    public ChatCompletionResponse? Chunk { get; }

    /// <summary>The chunk's JSON as received, when asked for: the <see cref="Microsoft.Extensions.AI.ChatResponseUpdate.RawRepresentation"/>.</summary>
    public JsonElement? Raw { get; }
    public bool IsDone { get; }
    public byte[]? Invalid { get; }
    public JsonException? Error { get; }

    /// <summary>The <see cref="System.Net.ServerSentEvents.SseItemParser{T}"/> for chat streams; parses UTF-8 directly.</summary>
    /// <param name="eventType">The SSE event type: <c>message</c> unless the server names it.</param>
    /// <param name="data">The event's data lines.</param>
    /// <param name="reader">The stream's reader: a usual chunk is read by it, reusing the previous chunk's objects.</param>
    /// <param name="keepRaw">Whether the chunk's JSON is kept as <see cref="Raw"/>.</param>
    public static SseChunk Parse(string eventType, ReadOnlySpan<byte> data, ChatCompletionReader reader, bool keepRaw)
    {
        ReadOnlySpan<byte> trimmed = Trim(data);
        if (trimmed.IsEmpty)
        {
            return default;
        }

        if (trimmed.SequenceEqual("[DONE]"u8))
        {
            return new SseChunk(null, true, null, null);
        }

        if (eventType != ErrorEventType && reader.TryRead(trimmed) is { } fast)
        {
            return new SseChunk(fast, false, null, null, keepRaw ? RawJson.Parse(trimmed) : null);
        }

        try
        {
            ChatCompletionResponse? chunk = JsonSerializer.Deserialize(trimmed, DeepInfraJsonContext.Default.ChatCompletionResponse);
            if (chunk is not null && eventType == ErrorEventType && chunk.Error is null)
            {
                chunk.Error = JsonSerializer.Deserialize(trimmed, DeepInfraJsonContext.Default.JsonElement);
            }

            return new SseChunk(chunk, false, null, null, keepRaw && chunk is not null ? RawJson.Parse(trimmed) : null);
        }
        catch (JsonException ex)
        {
            return new SseChunk(null, false, trimmed.ToArray(), ex);
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> data)
    {
        int start = 0;
        int end = data.Length;
        while (start < end && IsSpace(data[start]))
        {
            start++;
        }

        while (end > start && IsSpace(data[end - 1]))
        {
            end--;
        }

        return data.Slice(start, end - start);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
