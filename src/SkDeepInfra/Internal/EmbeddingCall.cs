using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>One <c>POST embeddings</c> for one batch of inputs: serialize, send through the pipeline, read and check.</summary>
internal static class EmbeddingCall
{
    /// <param name="pipeline">Sends the request.</param>
    /// <param name="target">The embeddings address.</param>
    /// <param name="request">The batch's request.</param>
    /// <param name="overrides">The caller's raw members from <c>EmbeddingGenerationOptions.RawRepresentationFactory</c>, merged into the body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<EmbeddingResponse> SendAsync(DeepInfraHttpPipeline pipeline, Uri target, EmbeddingRequest request, RawRequestOverrides? overrides, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        PooledBytes body = overrides is null ? Serialize(request) : overrides.MergeInto(Serialize(request));
        Log.RequestBody(pipeline.Logger, body);

        EmbeddingResponse reply;
        int status;
        using (HttpResponseMessage response = await pipeline.SendAsync(HttpMethod.Post, target, body, streaming: false, request.Model, started, cancellationToken).ConfigureAwait(false))
        {
            status = (int)response.StatusCode;
            reply = await JsonReply.ReadAsync(pipeline, response, DeepInfraJsonContext.Default.EmbeddingResponse, "an embeddings reply", cancellationToken).ConfigureAwait(false);
        }

        body.Return(); // the reply was read to its end, so nothing sends the request any more
        Log.RequestCompleted(pipeline.Logger, request.Model, status, DeepInfraHttpPipeline.ElapsedMs(started), reply.Usage?.PromptTokens, null, reply.Usage?.EstimatedCost);
        return reply;
    }

    private static PooledBytes Serialize(EmbeddingRequest request)
    {
        var buffer = new PooledBufferWriter(256 + (request.Input.Count * 64));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, request, DeepInfraJsonContext.Default.EmbeddingRequest);
        }

        return buffer.Detach();
    }
}
