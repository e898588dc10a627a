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

        PooledBytes bytes;
        try
        {
            bytes = await BoundedContent.ReadPooledAsync(response.Content, pipeline.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw DeepInfraErrors.Truncated("the connection closed while the reply was being read", ex);
        }

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
        body.Utf8.Return();

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
        using HttpResponseMessage response = await pipeline.SendAsync(body.Utf8, streaming: true, body.ModelId, started, cancellationToken).ConfigureAwait(false);
#if NET
        using Stream stream = new SseEventLimitStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), pipeline.MaxStreamEventBytes);
#else
        using Stream stream = new SseEventLimitStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), pipeline.MaxStreamEventBytes);
#endif
        var assembler = new StreamingChatAssembler(pipeline.Redactor, pipeline.MaxResponseBytes);
        ChatCompletionReader reader = ChatCompletionReader.ForStream();
        IAsyncEnumerator<SseItem<SseChunk>> events = SseParser.Create(stream, (type, data) => SseChunk.Parse(type, data, reader)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
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
                    yield return update;
                }
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }

        body.Utf8.Return(); // the stream was read to its end (see GetResponseAsync)
        Log.RequestCompleted(
            pipeline.Logger,
            body.ModelId,
            (int)response.StatusCode,
            DeepInfraHttpPipeline.ElapsedMs(started),
            assembler.Usage?.InputTokenCount,
            assembler.Usage?.OutputTokenCount,
            assembler.EstimatedCost);
    }

    /// <summary>Parses and maps a successful reply; the bytes are only borrowed.</summary>
    private static ChatResponse ReadReply(DeepInfraHttpPipeline pipeline, HttpResponseMessage response, ReadOnlySpan<byte> bytes, out double? cost)
    {
        if (pipeline.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.ResponseBody(pipeline.Logger, pipeline.Redactor.Decode(bytes) ?? string.Empty);
        }

        ChatCompletionResponse? wire = ChatCompletionReader.TryReadReply(bytes);
        if (wire is null)
        {
            try
            {
                wire = JsonSerializer.Deserialize(bytes, DeepInfraJsonContext.Default.ChatCompletionResponse);
            }
            catch (JsonException ex)
            {
                string what = $"the body is not a chat completion ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {ex.Message}";
                throw DeepInfraErrors.Malformed(what, pipeline.Redactor.Decode(bytes), ex);
            }
        }

        if (wire is null)
        {
            throw DeepInfraErrors.Malformed("the body is empty or null", pipeline.Redactor.Decode(bytes));
        }

        if (wire.Error is JsonElement error && error.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            throw DeepInfraErrors.FromErrorFrame(error, pipeline.Redactor.Decode(bytes), pipeline.Redactor);
        }

        cost = wire.Usage?.EstimatedCost;
        return ChatResponseMapper.FromWireResponse(wire, bytes, pipeline.Redactor);
    }
}
