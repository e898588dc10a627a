using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SkDeepInfra.Testing.Hosting;

namespace SkDeepInfra.Testing.Replies;

/// <summary>
/// Streams a completion as server-sent events, applying the reply's pacing and faults: an error frame after N
/// events, a connection cut after N events or in the middle of one.
/// </summary>
internal static class SseWriter
{
    public static async Task WriteAsync(IResponseChannel channel, EmulatorReply reply, ReplyContext context, CancellationToken cancellationToken)
    {
        List<byte[]> events = StreamPlanner.Plan(reply, context);
        if (reply.ErrorFrameAfter is int afterChunks && afterChunks < events.Count)
        {
            events.RemoveRange(afterChunks, events.Count - afterChunks);
        }

        if (reply.ErrorFrameAfter is not null)
        {
            events.Add(StreamPlanner.Event(reply.ErrorFrameJson ?? ErrorBodies.For(500, "The model failed while generating the response.")));
        }

        events.Add(StreamPlanner.Event("[DONE]"));

        channel.SetStatus(200);
        channel.SetHeader("Content-Type", "text/event-stream; charset=utf-8");
        channel.SetHeader("Cache-Control", "no-cache");
        foreach (KeyValuePair<string, string> header in reply.Headers)
        {
            channel.SetHeader(header.Key, header.Value);
        }

        await channel.StartAsync(cancellationToken).ConfigureAwait(false);
        for (int index = 0; index < events.Count; index++)
        {
            if (index > 0 && reply.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(reply.ChunkDelay, cancellationToken).ConfigureAwait(false);
            }

            if (reply.CutAfterEvents == index)
            {
                await CutAsync(channel, reply.CutMidEvent ? events[index] : null, cancellationToken).ConfigureAwait(false);
                return;
            }

            await channel.WriteAsync(events[index], cancellationToken).ConfigureAwait(false);
        }

        if (reply.CutAfterEvents is not null)
        {
            await channel.AbortAsync().ConfigureAwait(false);
        }
    }

    private static async Task CutAsync(IResponseChannel channel, byte[]? halfOf, CancellationToken cancellationToken)
    {
        if (halfOf is not null)
        {
            await channel.WriteAsync(halfOf.AsMemory(0, halfOf.Length / 2), cancellationToken).ConfigureAwait(false);
        }

        await channel.AbortAsync().ConfigureAwait(false);
    }
}
