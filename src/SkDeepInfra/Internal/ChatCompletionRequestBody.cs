using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>A validated, serialized request, made eagerly so bad input fails at the call site, before anything is sent.</summary>
internal sealed class ChatCompletionRequestBody
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private ChatCompletionRequestBody(PooledBytes utf8, string modelId, bool stream)
    {
        Utf8 = utf8;
        ModelId = modelId;
        Stream = stream;
    }

    /// <summary>The JSON, in a pooled array: <see cref="PooledBytes.Return"/> it once the call is over and nothing sends it any more.</summary>
    public PooledBytes Utf8 { get; }
    public string ModelId { get; }
    public bool Stream { get; }

    public static ChatCompletionRequestBody Create(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModelId, bool stream, ILogger logger)
    {
        ChatCompletionRequest request = ChatRequestMapper.ToWireRequest(messages, options, defaultModelId, stream);
        PooledBytes utf8 = Serialize(request);
        Log.RequestStarting(logger, request.Model, stream);
        if (logger.IsEnabled(LogLevel.Trace))
        {
#if NET
            Log.RequestBody(logger, Encoding.UTF8.GetString(utf8.Span));
#else
            Log.RequestBody(logger, Encoding.UTF8.GetString(utf8.Array, 0, utf8.Length));
#endif
        }

        return new ChatCompletionRequestBody(utf8, request.Model, stream);
    }

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
