using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    private readonly RawRequestOverrides? _overrides;
    private PooledBytes? _utf8;

    private ChatCompletionRequestBody(ChatCompletionRequest request, RawRequestOverrides? overrides, PooledBytes utf8)
    {
        _request = request;
        _overrides = overrides;
        _utf8 = utf8;
    }

    public string ModelId => _request.Model;

    /// <param name="messages">The conversation.</param>
    /// <param name="options">The options; a <see cref="JsonObject"/> from their <see cref="ChatOptions.RawRepresentationFactory"/> is merged into the body.</param>
    /// <param name="client">The client, handed to the factory.</param>
    /// <param name="defaultModelId">The model unless the options name one.</param>
    /// <param name="stream">Whether the reply is streamed.</param>
    /// <param name="logger">Logs the request.</param>
    public static ChatCompletionRequestBody Create(IEnumerable<ChatMessage> messages, ChatOptions? options, IChatClient client, string defaultModelId, bool stream, ILogger logger)
    {
        ChatCompletionRequest request = ChatRequestMapper.ToWireRequest(messages, options, defaultModelId, stream);
        RawRequestOverrides? overrides = RawRequestOverrides.From(options?.RawRepresentationFactory?.Invoke(client), "messages", "stream");
        PooledBytes utf8 = Serialize(request, overrides);
        Log.RequestStarting(logger, request.Model, stream);
        Log.RequestBody(logger, utf8);

        return new ChatCompletionRequestBody(request, overrides, utf8);
    }

    /// <summary>
    /// The JSON, in a pooled array that now belongs to the caller (<see cref="PooledBytes.Return"/> it once nothing sends it
    /// any more): the bytes made eagerly for the first caller, a fresh copy for any later one (a stream enumerated again).
    /// </summary>
    public PooledBytes TakeUtf8() => Interlocked.Exchange(ref _utf8, null) ?? Serialize(_request, _overrides);

    /// <summary>Writes the request straight into a pooled buffer, with this thread's writer, then merges the caller's raw members.</summary>
    private static PooledBytes Serialize(ChatCompletionRequest request, RawRequestOverrides? overrides)
    {
        var buffer = new PooledBufferWriter(1024);
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        ChatCompletionRequestWriter.Write(writer, request);
        writer.Flush();
        return overrides is null ? buffer.Detach() : overrides.MergeInto(buffer.Detach());
    }
}
