using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SkDeepInfra.Testing.Core;

/// <summary>Chooses each accepted chat request's reply: the FIFO script, else the responder, else the echo.</summary>
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

    public EmulatorReply Next(EmulatorRequest request) =>
        queue.TryDequeue(out EmulatorReply? scripted) ? scripted : responder?.Invoke(request) ?? Echo(request);

    private static EmulatorReply Echo(EmulatorRequest request) => EmulatorReply.Text("You said: " + (request.LastUserText ?? string.Empty));
}
