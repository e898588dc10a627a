using System.Text;
using System.Text.Json.Nodes;

namespace SkDeepInfra.Reliability;

/// <summary>Turns a <see cref="FuzzCase"/> into bytes: reply → JSON payloads → valid variations → damage → SSE framing → bytes.</summary>
public static class FuzzRenderer
{
    public const int MaxResponseBytes = 64 * 1024;
    public const int MaxStreamEventBytes = 16 * 1024;

    private static readonly string[] s_lineEndings = ["\n", "\r\n", "\r"];

    private static readonly int[] s_statuses =
        [201, 203, 206, 301, 304, 400, 401, 402, 403, 404, 405, 408, 409, 413, 415, 422, 429, 500, 501, 502, 503, 504, 520, 524, 599];

    private static readonly string[] s_errorBodies =
    [
        """{"error":"Model is overloaded"}""",
        """{"error":{"message":"Rate limit exceeded","type":"rate_limit_error","code":429}}""",
        """{"detail":[{"loc":["body","temperature"],"msg":"ensure this value is less than or equal to 2","type":"value_error"}]}""",
        """{"detail":{"error":"Not found"}}""",
        """{"detail":[1,null,"s",[],{"loc":"x"}]}""",
        """{"error":{"detail":[{"loc":[0,"a"],"msg":"bad"}]}}""",
        """{"message":"upstream error"}""",
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        "",
        "   \r\n ",
        "null",
        "[]",
        "{\"error\":",
        "{\"error\":null}",
        "\uFEFF{\"error\":\"bom\"}",
        """{"error":"lone \ud800 surrogate"}""",
        """{"detail":[{"loc":["body","\udc00"],"msg":"bad"}]}""",
        """{"error":{"message":{"nested":true},"detail":"\ud800"}}""",
    ];

    private static readonly string[] s_errorFrames =
    [
        """{"error":{"message":"Model is overloaded","type":"server_error","code":503}}""",
        """{"error":"Internal failure"}""",
        """{"error":{"message":"lone \ud800 surrogate","code":"x"}}""",
        """{"error":{"detail":[{"loc":["body",1,null],"msg":"bad \udc00"}]}}""",
        """{"error":{"message":null,"code":99999999999}}""",
        """{"error":[1,2,{"message":"x"}]}""",
        """{"error":true}""",
        """{"error":{"message":"echo test-key-5f3a9c1e7b2d","code":401}}""",
        """{"id":"x","choices":[],"error":{"message":"late failure","code":500.5}}""",
    ];

    public static FuzzInput Render(FuzzCase c)
    {
        var random = new Random(c.Seed);
        Framing framing = c.Framing;
        Oracle oracle = Oracle.Valid;
        Mutation? whole = c.Mutations.FirstOrDefault(m => m.Kind is MutationKind.ErrorStatus or MutationKind.Inflate or MutationKind.Endless);
        if (whole?.Kind == MutationKind.Endless)
        {
            return Endless(c, whole);
        }

        List<JsonNode> payloads = c.Streaming ? FuzzReplies.Chunks(c.Reply) : [FuzzReplies.Completion(c.Reply)];
        if (framing.UnknownFields)
        {
            payloads.ForEach(p => FuzzJson.AddUnknownFields(p, random));
        }

        if (framing.ShuffleProperties)
        {
            payloads = payloads.Select(p => FuzzJson.Shuffle(p, random)!).ToList();
        }

        foreach (Mutation m in c.Mutations.Where(m => m.Kind is MutationKind.WrongType or MutationKind.NullValue or MutationKind.HugeNumber or MutationKind.DeepNesting or MutationKind.DuplicateProperty))
        {
            int index = Pick(m.Where, payloads.Count);
            payloads[index] = FuzzJson.Damage(payloads[index], m.Kind, m.Param, m.Param / 7) ?? payloads[index];
            oracle = Weaker(oracle, Oracle.Any);
        }

        if (whole?.Kind == MutationKind.Inflate)
        {
            int limit = c.Streaming ? MaxStreamEventBytes : MaxResponseBytes;
            var target = (JsonObject)payloads[Pick(whole.Where, payloads.Count)];
            string padding = new('x', limit + 1024 + whole.Param);
            if (whole.Param % 2 == 0)
            {
                target["x_padding"] = padding;
            }
            else
            {
                target["id"] = padding;
            }

            oracle = Oracle.MustFail;
        }

        bool indent = c.Streaming ? framing.MultiLineData : framing.Indent; // a data line cannot hold a line break
        string newLine = c.Streaming ? "\n" : framing.LineEnding;
        List<string> json = payloads.Select(p => FuzzJson.Write(p, framing.Escapes, indent, newLine, random)).ToList();
        int finishIndex = json.Count - (c.Streaming && c.Reply.Usage == UsagePlacement.TrailingChunk ? 2 : 1);
        int blankStart = -1, blankEnd = -1;
        foreach (Mutation m in c.Mutations.Where(m => m.Kind == MutationKind.ErrorFrame))
        {
            string frame = s_errorFrames[m.Param % s_errorFrames.Length];
            if (c.Streaming)
            {
                int at = Pick(m.Where, json.Count + 1);
                json.Insert(at, frame);
                finishIndex += at <= finishIndex ? 1 : 0;
            }
            else
            {
                json[0] = frame;
            }

            // Alone it must fail; with other damage (say, its line deleted) anything goes.
            oracle = c.Mutations.Length == 1 ? Oracle.MustFail : Weaker(oracle, Oracle.Any);
        }

        string text = c.Streaming ? Frame(json, framing, random, finishIndex, out blankStart, out blankEnd) : json[0];
        int bom = framing.ByteOrderMark ? 3 : 0;

        // Where the reply is complete: after the finish event's blank line (stream), after the last byte (body).
        int completeFrom = bom + (c.Streaming ? Encoding.UTF8.GetByteCount(text.AsSpan(0, blankEnd)) : Encoding.UTF8.GetByteCount(text));
        int incompleteBefore = bom + (c.Streaming ? Encoding.UTF8.GetByteCount(text.AsSpan(0, blankStart)) : Encoding.UTF8.GetByteCount(text));

        List<string> lines = SplitLines(text);
        foreach (Mutation m in c.Mutations.Where(m => m.Kind is MutationKind.DuplicateLine or MutationKind.DeleteLine or MutationKind.SwapLines or MutationKind.ErrorEventType))
        {
            int at = Pick(m.Where, lines.Count);
            switch (m.Kind)
            {
                case MutationKind.DuplicateLine:
                    lines.Insert(at, lines.Count == 0 ? "\n" : lines[at]);
                    break;
                case MutationKind.DeleteLine when lines.Count > 0:
                    lines.RemoveAt(at);
                    break;
                case MutationKind.SwapLines when lines.Count > 1:
                    int next = Math.Min(at + 1, lines.Count - 1);
                    (lines[at], lines[next]) = (lines[next], lines[at]);
                    break;
                case MutationKind.ErrorEventType:
                    lines.Insert(at, "event: error\n");
                    break;
            }

            oracle = Weaker(oracle, Oracle.Any);
        }

        var bytes = new List<byte>();
        if (framing.ByteOrderMark)
        {
            bytes.AddRange("\uFEFF"u8.ToArray());
            if (!c.Streaming)
            {
                oracle = Weaker(oracle, Oracle.Any);
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(string.Concat(lines)));
        int? cutAt = null;
        bool onlyCut = oracle == Oracle.Valid && c.Mutations.Length == 1 && c.Mutations[0].Kind is MutationKind.Truncate or MutationKind.CutConnection;
        foreach (Mutation m in c.Mutations)
        {
            int at = Pick(m.Where, bytes.Count + 1);
            switch (m.Kind)
            {
                case MutationKind.Truncate:
                    bytes.RemoveRange(at, bytes.Count - at);
                    oracle = Weaker(oracle, Oracle.ExactIfSuccess);
                    break;
                case MutationKind.CutConnection:
                    cutAt = Math.Min(cutAt ?? int.MaxValue, at);
                    oracle = Weaker(oracle, Oracle.ExactIfSuccess);
                    break;
                case MutationKind.FlipByte when bytes.Count > 0:
                    int flip = Math.Min(at, bytes.Count - 1);
                    bytes[flip] ^= (byte)(1 + (m.Param % 255));
                    oracle = Weaker(oracle, Oracle.Any);
                    break;
                case MutationKind.InsertByte:
                    bytes.Insert(at, (byte)m.Param);
                    oracle = Weaker(oracle, Oracle.Any);
                    break;
                case MutationKind.DeleteBytes when bytes.Count > 0:
                    int from = Math.Min(at, bytes.Count - 1);
                    bytes.RemoveRange(from, Math.Min(1 + (m.Param % 8), bytes.Count - from));
                    oracle = Weaker(oracle, Oracle.Any);
                    break;
                case MutationKind.InvalidUtf8:
                    byte[][] invalid = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]];
                    bytes.InsertRange(at, invalid[m.Param % invalid.Length]);
                    oracle = Weaker(oracle, Oracle.Any);
                    break;
            }
        }

        if (onlyCut)
        {
            // A stream cut before its finish chunk is an error; cut after it, the reply is complete (only [DONE] or a
            // trailing usage chunk is lost). A body must be whole. Inside the blank line that ends the event, either.
            // A lone CR may be the first half of a CRLF: a parser that has not seen the next byte cannot dispatch yet.
            int at = cutAt ?? bytes.Count;
            if (cutAt is not null && c.Streaming && text[blankEnd - 1] == '\r')
            {
                completeFrom++;
            }

            oracle = at < incompleteBefore ? Oracle.MustFail
                : at < completeFrom ? Oracle.ExactIfSuccess
                : c.Streaming || c.Mutations[0].Kind == MutationKind.Truncate ? Oracle.Complete
                : Oracle.ExactIfSuccess;
        }

        int status = 200;
        byte[] body = [.. bytes];
        if (whole?.Kind == MutationKind.ErrorStatus)
        {
            status = s_statuses[whole.Param % s_statuses.Length];
            if (whole.Where >= 0.5)
            {
                body = Encoding.UTF8.GetBytes(s_errorBodies[whole.Param % s_errorBodies.Length]);
                oracle = Weaker(oracle, Oracle.Any);
            }

            if (status >= 300)
            {
                oracle = Oracle.MustFail;
            }
            else if (status != 200)
            {
                oracle = Weaker(oracle, Oracle.Any);
            }
        }

        return new FuzzInput
        {
            Status = status,
            ContentType = framing.ContentType,
            ReadSize = framing.ReadSize,
            Oracle = oracle,
            Body = body,
            CutAt = cutAt,
            DeclareLength = cutAt is null && random.Next(2) == 0,
        };
    }

    /// <summary>A body that never ends: the client must stop at its limit, having read a bounded number of bytes.</summary>
    private static FuzzInput Endless(FuzzCase c, Mutation m)
    {
        string head = "{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":";
        (string prefix, string unit, long? declared) = (m.Param % 5) switch
        {
            0 => ("{\"choices\":[{\"message\":{\"content\":\"", "endless ", (long?)null),
            1 => ("{\"choices\":[{\"message\":{\"content\":\"", "endless ", 10L * 1024 * 1024 * 1024),
            2 => ("data: {\n", "data: \"more\",\n", null),
            3 => ("data: " + head + "{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}\n\n",
                  "data: " + head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + new string('a', 1000) + "\"}}]}}]}\n\n", null),
            _ => (": comment without end ", "aaaaaaaaaaaaaaaa", null),
        };

        long limit = !c.Streaming ? MaxResponseBytes : m.Param % 5 == 3 ? MaxResponseBytes * 2L : MaxStreamEventBytes;
        return new FuzzInput
        {
            Status = 200,
            ContentType = c.Framing.ContentType,
            ReadSize = c.Framing.ReadSize,
            Oracle = Oracle.MustFail,
            Endless = (Encoding.UTF8.GetBytes(prefix), Encoding.UTF8.GetBytes(unit), declared),

            // The parser may ask for a buffer as large again as what it holds, and one read of the client's own size.
            MaxServedBytes = (4 * limit) + (64 * 1024),
        };
    }

    /// <summary>SSE text: each payload as one event, with the framing's line endings, comments, fields and [DONE].</summary>
    private static string Frame(List<string> payloads, Framing f, Random random, int finishIndex, out int blankStart, out int blankEnd)
    {
        int finishStart = -1, finishEnd = -1;
        var b = new StringBuilder();
        string previous = "";
        string Eol()
        {
            string eol = f.MixedLineEndings ? s_lineEndings[random.Next(3)] : f.LineEnding;
            if (previous == "\r" && eol == "\n")
            {
                eol = "\r\n"; // "\r" then "\n" would read as one CRLF, not two line ends
            }

            previous = eol;
            return eol;
        }

        void Event(string payload, int index)
        {
            if (f.Comments && random.Next(3) == 0)
            {
                b.Append(": keep-alive").Append(Eol());
            }

            if (f.IdAndRetryFields && random.Next(2) == 0)
            {
                b.Append("id: ").Append(random.Next(1000)).Append(Eol());
                b.Append(random.Next(2) == 0 ? "retry: 3000" : "event: message").Append(Eol());
            }

            foreach (string line in f.MultiLineData ? payload.Split('\n') : [payload])
            {
                b.Append(f.NoSpaceAfterData ? "data:" : "data: ").Append(line).Append(Eol());
            }

            int start = b.Length;
            b.Append(Eol());
            if (index == finishIndex)
            {
                (finishStart, finishEnd) = (start, b.Length);
            }

            if (f.ExtraBlankLines && random.Next(2) == 0)
            {
                b.Append(Eol());
            }
        }

        for (int i = 0; i < payloads.Count; i++)
        {
            Event(payloads[i], i);
        }

        (blankStart, blankEnd) = (finishStart, finishEnd);
        if (f.Done != DoneMarker.Missing)
        {
            Event("[DONE]", -1);
        }

        if (f.Done == DoneMarker.JunkAfter)
        {
            string[] junk = ["data: {\"broken", "garbage\u0000\u00ff", "data: " + payloads[0] + "\n\n", "event: error\ndata: {\"error\":\"late\"}\n\n"];
            b.Append(junk[random.Next(junk.Length)]);
        }

        return b.ToString();
    }

    /// <summary>Lines with their terminators (CR, LF or CRLF), so they can be moved and joined back.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                int end = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
                lines.Add(text[start..end]);
                start = end;
                i = end - 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static int Pick(double where, int count) => count <= 0 ? 0 : Math.Min(count - 1, (int)(where * count));

    private static Oracle Weaker(Oracle a, Oracle b) => a == Oracle.MustFail || b == Oracle.MustFail ? Oracle.MustFail : (Oracle)Math.Max((int)a, (int)b);
}
