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
    private ChatCompletionRequestBody(byte[] utf8, string modelId, bool stream)
    {
        Utf8 = utf8;
        ModelId = modelId;
        Stream = stream;
    }

    public byte[] Utf8 { get; }
    public string ModelId { get; }
    public bool Stream { get; }

    public static ChatCompletionRequestBody Create(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModelId, bool stream, ILogger logger)
    {
        ChatCompletionRequest request = ChatRequestMapper.ToWireRequest(messages, options, defaultModelId, stream);
        byte[] utf8 = JsonSerializer.SerializeToUtf8Bytes(request, DeepInfraJsonContext.Default.ChatCompletionRequest);
        Log.RequestStarting(logger, request.Model, stream);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            Log.RequestBody(logger, Encoding.UTF8.GetString(utf8));
        }

        return new ChatCompletionRequestBody(utf8, request.Model, stream);
    }
}
