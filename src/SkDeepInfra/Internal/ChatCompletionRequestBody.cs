using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>A validated, serialized request, made eagerly so bad input fails at the call site, before anything is sent.</summary>
internal sealed class ChatCompletionRequestBody
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly ChatCompletionRequest _request;
    private PooledBytes? _utf8;

    private ChatCompletionRequestBody(ChatCompletionRequest request, PooledBytes utf8)
    {
        _request = request;
        _utf8 = utf8;
    }

    public string ModelId => _request.Model;

    public static ChatCompletionRequestBody Create(
        IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModelId, bool stream, ILogger logger, DeepInfraReasoningRoundTrip reasoning = DeepInfraReasoningRoundTrip.CurrentToolLoop)
    {
        ChatCompletionRequest request = ChatRequestMapper.ToWireRequest(messages, options, defaultModelId, stream, reasoning);
        PooledBytes utf8 = Serialize(request);
        Log.RequestStarting(logger, request.Model, stream);
        Log.RequestBody(logger, utf8);

        return new ChatCompletionRequestBody(request, utf8);
    }

    /// <summary>
    /// The JSON, in a pooled array that now belongs to the caller (<see cref="PooledBytes.Return"/> it once nothing sends it
    /// any more): the bytes made eagerly for the first caller, a fresh copy for any later one (a stream enumerated again).
    /// </summary>
    public PooledBytes TakeUtf8() => Interlocked.Exchange(ref _utf8, null) ?? Serialize(_request);

    /// <summary>Writes the request straight into a pooled buffer, with this thread's writer.</summary>
    private static PooledBytes Serialize(ChatCompletionRequest request)
    {
        var buffer = new PooledBufferWriter(1024);
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        ChatCompletionRequestWriter.Write(writer, request);
        writer.Flush();
        return buffer.Detach();
    }
}
