using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkDeepInfra.Testing.Hosting;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Sends one <see cref="EmulatorReply"/>: verbatim, as a JSON completion, or as a stream.</summary>
internal static class ReplyWriter
{
    public static async Task WriteAsync(
        IResponseChannel channel,
        EmulatorReply reply,
        EmulatorRequest request,
        DeepInfraEmulatorOptions options,
        CancellationToken cancellationToken)
    {
        if (reply.FirstByteDelay > TimeSpan.Zero)
        {
            await Task.Delay(reply.FirstByteDelay, cancellationToken).ConfigureAwait(false);
        }

        bool cut = reply.CutAfterEvents is not null;
        if (reply.IsRaw)
        {
            byte[] body = Encoding.UTF8.GetBytes(reply.RawBody!);
            await BodyWriter.WriteAsync(channel, reply.StatusCode, reply.ContentType, reply.Headers, body, cut, cancellationToken).ConfigureAwait(false);
            return;
        }

        var context = ReplyContext.Create(request, reply, options);
        if (request.IsStreaming)
        {
            await SseWriter.WriteAsync(channel, reply, context, cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] json = EmulatorJson.ToUtf8(CompletionFactory.Build(reply, context), EmulatorJsonContext.Default.WireCompletion);
        await BodyWriter.WriteAsync(channel, 200, "application/json", reply.Headers, json, cut, cancellationToken).ConfigureAwait(false);
    }
}
