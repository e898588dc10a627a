using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>One chat completion over the pipeline: read and map a reply, or read a stream event by event.</summary>
internal static class ChatCompletionCall
{
    public static async Task<ChatResponse> GetResponseAsync(DeepInfraHttpPipeline pipeline, ChatCompletionRequestBody body, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await pipeline.SendAsync(body.Utf8, streaming: false, body.ModelId, started, cancellationToken).ConfigureAwait(false);

        byte[] bytes;
        try
        {
#if NET
            bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
            bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw DeepInfraErrors.Truncated("the connection closed while the reply was being read", ex);
        }

        if (pipeline.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.ResponseBody(pipeline.Logger, pipeline.Redactor.Decode(bytes) ?? string.Empty);
        }

        ChatCompletionResponse? wire;
        try
        {
            wire = JsonSerializer.Deserialize(bytes, DeepInfraJsonContext.Default.ChatCompletionResponse);
        }
        catch (JsonException ex)
        {
            string what = $"the body is not a chat completion ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {ex.Message}";
            throw DeepInfraErrors.Malformed(what, pipeline.Redactor.Decode(bytes), ex);
        }

        if (wire is null)
        {
            throw DeepInfraErrors.Malformed("the body is empty or null", pipeline.Redactor.Decode(bytes));
        }

        if (wire.Error is JsonElement error && error.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            throw DeepInfraErrors.FromErrorFrame(error, pipeline.Redactor.Decode(bytes), pipeline.Redactor);
        }

        ChatResponse result = ChatResponseMapper.FromWireResponse(wire, bytes, pipeline.Redactor);
        Log.RequestCompleted(
            pipeline.Logger,
            body.ModelId,
            (int)response.StatusCode,
            DeepInfraHttpPipeline.ElapsedMs(started),
            result.Usage?.InputTokenCount,
            result.Usage?.OutputTokenCount,
            wire.Usage?.EstimatedCost);
        return result;
    }

    public static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        DeepInfraHttpPipeline pipeline,
        ChatCompletionRequestBody body,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await pipeline.SendAsync(body.Utf8, streaming: true, body.ModelId, started, cancellationToken).ConfigureAwait(false);
#if NET
        using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        var assembler = new StreamingChatAssembler(pipeline.Redactor);
        IAsyncEnumerator<SseItem<SseChunk>> events = SseParser.Create(stream, SseChunk.Parse).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate? update;
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        if (!assembler.Finished)
                        {
                            throw DeepInfraErrors.Truncated("the connection closed before the finish chunk");
                        }

                        break;
                    }

                    SseChunk item = events.Current.Data;
                    if (item.IsDone)
                    {
                        break;
                    }

                    if (item.Error is not null)
                    {
                        throw DeepInfraErrors.Malformed($"a stream event is not a chat completion chunk: {item.Error.Message}", pipeline.Redactor.Decode(item.Invalid), item.Error);
                    }

                    update = item.Chunk is null ? null : assembler.Process(item.Chunk);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    throw DeepInfraErrors.Truncated("the connection failed mid-stream", ex);
                }

                if (update is not null)
                {
                    yield return update;
                }
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }

        Log.RequestCompleted(
            pipeline.Logger,
            body.ModelId,
            (int)response.StatusCode,
            DeepInfraHttpPipeline.ElapsedMs(started),
            assembler.Usage?.InputTokenCount,
            assembler.Usage?.OutputTokenCount,
            assembler.EstimatedCost);
    }
}
