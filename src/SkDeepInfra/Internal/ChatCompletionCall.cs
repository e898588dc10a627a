using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>One chat completion over the pipeline: read and map a reply, or read a stream event by event.</summary>
internal static class ChatCompletionCall
{
    public static async Task<ChatResponse> GetResponseAsync(DeepInfraHttpPipeline pipeline, ChatCompletionRequestBody body, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        PooledBytes request = body.TakeUtf8();
        using HttpResponseMessage response = await pipeline.SendAsync(request, streaming: false, body.ModelId, started, cancellationToken).ConfigureAwait(false);
        PooledBytes bytes = await JsonReply.ReadBodyAsync(pipeline, response, cancellationToken).ConfigureAwait(false);
        ChatResponse result;
        double? cost;
        try
        {
            result = ReadReply(pipeline, response, bytes.Span, out cost);
        }
        finally
        {
            bytes.Return();
        }

        // The reply was read to its end, so the request was sent long ago: its buffer goes back to the pool. (After a failure it
        // is left to the collector, in case a transport still holds it.)
        request.Return();

        Log.RequestCompleted(
            pipeline.Logger,
            body.ModelId,
            (int)response.StatusCode,
            DeepInfraHttpPipeline.ElapsedMs(started),
            result.Usage?.InputTokenCount,
            result.Usage?.OutputTokenCount,
            cost);
        return result;
    }

    public static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        DeepInfraHttpPipeline pipeline,
        ChatCompletionRequestBody body,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        PooledBytes request = body.TakeUtf8();
        using HttpResponseMessage response = await pipeline.SendAsync(request, streaming: true, body.ModelId, started, cancellationToken).ConfigureAwait(false);
#if NET
        using Stream stream = new SseEventLimitStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), pipeline.MaxStreamEventBytes);
#else
        using Stream stream = new SseEventLimitStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), pipeline.MaxStreamEventBytes);
#endif
        var assembler = new StreamingChatAssembler(pipeline.Redactor, pipeline.MaxResponseBytes);
        ChatCompletionReader reader = ChatCompletionReader.ForStream();
        IAsyncEnumerator<SseItem<SseChunk>> events = SseParser.Create(stream, (type, data) => SseChunk.Parse(type, data, reader, pipeline.StreamingRawRepresentation)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                // Per event, not only per read: a buffered run of events that yield nothing (tool-call fragments) must
                // still notice cancellation.
                cancellationToken.ThrowIfCancellationRequested();
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
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    cancellationToken.ThrowIfCancellationRequested(); // the read failed because the caller cancelled
                    if (assembler.Finished)
                    {
                        break; // the reply is complete: only [DONE] or a trailing usage chunk went with the connection
                    }

                    throw DeepInfraErrors.Truncated("the connection failed mid-stream", ex);
                }

                if (update is not null)
                {
                    update.RawRepresentation = events.Current.Data.Raw;
                    yield return update;
                }
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }

        request.Return(); // the stream was read to its end (see GetResponseAsync)
        Log.RequestCompleted(
            pipeline.Logger,
            body.ModelId,
            (int)response.StatusCode,
            DeepInfraHttpPipeline.ElapsedMs(started),
            assembler.Usage?.InputTokenCount,
            assembler.Usage?.OutputTokenCount,
            assembler.EstimatedCost);
    }

    /// <summary>Parses and maps a successful reply (the fast reader, else the source-generated serializer); the bytes are only borrowed.</summary>
    private static ChatResponse ReadReply(DeepInfraHttpPipeline pipeline, HttpResponseMessage response, ReadOnlySpan<byte> bytes, out double? cost)
    {
        ChatCompletionResponse wire = ChatCompletionReader.TryReadReply(bytes)
            ?? JsonReply.Deserialize(pipeline, response, bytes, DeepInfraJsonContext.Default.ChatCompletionResponse, "a chat completion");
        DeepInfraErrors.ThrowIfErrorFrame(wire.Error, wire.ErrorType, wire.ErrorMessage, bytes, pipeline.Redactor);
        cost = wire.Usage?.EstimatedCost;
        ChatResponse result = ChatResponseMapper.FromWireResponse(wire, bytes, pipeline.Redactor);
        result.RawRepresentation = result.Messages[0].RawRepresentation = RawJson.Parse(bytes);
        return result;
    }
}
