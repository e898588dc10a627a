using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Replies;

/// <summary>
/// Lays out the SSE payloads of a streamed completion, before any fault is applied: an optional role announcement,
/// reasoning pieces, content pieces, tool-call fragments, the family's end marker, the finish chunk and an
/// optional trailing usage chunk. <c>[DONE]</c> is added by the writer.
/// </summary>
internal static class StreamPlanner
{
    private static readonly string[] s_lineBreaks = ["\r\n", "\r", "\n"];

    public static List<byte[]> Plan(EmulatorReply reply, ReplyContext context)
    {
        EmulatorStreamQuirks quirks = context.Quirks;
        var events = new List<byte[]>();
        if (!quirks.RepeatRole)
        {
            events.Add(Chunk(context, DeltaFactory.RoleAnnouncement()));
        }

        foreach (string piece in TextChunker.Split(reply.Reasoning, reply.ChunkSize))
        {
            events.Add(Chunk(context, DeltaFactory.Text(quirks, "reasoning_content", piece)));
        }

        foreach (string piece in TextChunker.Split(reply.Content, reply.ChunkSize))
        {
            events.Add(Chunk(context, DeltaFactory.Text(quirks, "content", piece)));
        }

        for (int index = 0; index < reply.Calls.Count; index++)
        {
            EmulatorToolCall call = reply.Calls[index];
            events.Add(Chunk(context, DeltaFactory.ToolCallStart(quirks, index, call)));
            foreach (string piece in TextChunker.Split(call.Arguments, reply.ChunkSize))
            {
                events.Add(Chunk(context, DeltaFactory.ToolCallArguments(quirks, index, piece)));
            }
        }

        if (quirks.EndOfSequenceMarker)
        {
            events.Add(Chunk(context, DeltaFactory.Text(quirks, "content", context.EndMarker)));
        }

        // DeepInfra (as recorded) sends usage on the finish chunk even without stream_options; only include_usage: false turns it off.
        bool streamUsage = context.Usage is not null
            && (context.Request.IncludeUsage || (quirks.UsageOnFinishChunk && !context.Request.TryGetProperty("stream_options", out _)));
        WireUsage? finishUsage = streamUsage && quirks.UsageOnFinishChunk ? context.Usage : null;
        events.Add(Chunk(context, [], context.FinishReason, finishUsage));
        if (streamUsage && !quirks.UsageOnFinishChunk)
        {
            events.Add(Frame(new WireChunk { Id = context.Id, Created = context.Created, Model = context.Model, Choices = [], Usage = context.Usage }));
        }

        return events;
    }

    /// <summary>
    /// Frames a payload as one SSE event: every line of it (split at <c>\r\n</c>, <c>\r</c> or <c>\n</c>) as a
    /// <c>data: </c> line, then a blank line. A reader joins the lines with <c>\n</c>.
    /// </summary>
    public static byte[] Event(string payload)
    {
        var text = new StringBuilder();
        foreach (string line in payload.Split(s_lineBreaks, StringSplitOptions.None))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }

    /// <summary>Frames a payload known to be one line (compact JSON) as one SSE event: <c>data: {payload}\n\n</c>.</summary>
    private static byte[] Event(byte[] payload)
    {
        var bytes = new byte[payload.Length + 8];
        "data: "u8.CopyTo(bytes);
        payload.CopyTo(bytes, 6);
        "\n\n"u8.CopyTo(bytes.AsSpan(6 + payload.Length));
        return bytes;
    }

    private static byte[] Chunk(ReplyContext context, JsonObject delta, string? finishReason = null, WireUsage? usage = null) =>
        Frame(new WireChunk
        {
            Id = context.Id,
            Created = context.Created,
            Model = context.Model,
            Choices = [new WireChunkChoice { Index = 0, Delta = delta, FinishReason = finishReason }],
            Usage = usage,
        });

    private static byte[] Frame(WireChunk chunk) =>
        Event(EmulatorJson.ToUtf8(chunk, EmulatorJsonContext.Default.WireChunk));
}
