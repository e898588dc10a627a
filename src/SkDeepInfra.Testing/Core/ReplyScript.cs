using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using SkDeepInfra.Testing.Replies;

namespace SkDeepInfra.Testing.Core;

/// <summary>
/// Chooses replies: a chat request gets the FIFO script, else the responder, else the echo; an embeddings or models
/// request asks the responder only. A responder that throws yields a 500 error reply naming the exception.
/// </summary>
internal sealed class ReplyScript
{
    private readonly ConcurrentQueue<EmulatorReply> queue = new();
    private volatile Func<EmulatorRequest, EmulatorReply?>? responder;

    public Func<EmulatorRequest, EmulatorReply?>? Responder
    {
        get => responder;
        set => responder = value;
    }

    public int Count => queue.Count;

    public void Enqueue(IEnumerable<EmulatorReply> replies)
    {
        foreach (EmulatorReply reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    public void Clear() => queue.Clear();

    public EmulatorReply NextForChat(EmulatorRequest request) =>
        queue.TryDequeue(out EmulatorReply? scripted) ? scripted : Respond(request) ?? Echo(request);

    /// <summary>The responder's reply, or null when there is no responder or it leaves the default reply.</summary>
    public EmulatorReply? Respond(EmulatorRequest request)
    {
        try
        {
            return responder?.Invoke(request);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return EmulatorReply.Error(500, ErrorBodies.For(500, $"The emulator's responder threw {exception.GetType().Name}: {exception.Message}"));
        }
    }

    private static EmulatorReply Echo(EmulatorRequest request) => EmulatorReply.Text("You said: " + (request.LastUserText ?? string.Empty));
}
