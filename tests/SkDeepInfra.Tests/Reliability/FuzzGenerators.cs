using CsCheck;

namespace SkDeepInfra.Reliability;

/// <summary>CsCheck generators of realistic DeepInfra replies, ways of writing them, and ways of damaging them.</summary>
public static class FuzzGenerators
{
    /// <summary>Text tokens a model emits, with the characters that stress JSON escaping (never a lone '&lt;').</summary>
    private static readonly string[] s_tokens =
    [
        "Hello", " world", ",", " ", ".", "!", " the", " Eiffel", " Tower", " is", " 330", " m", "é", "ß", "中文", "😀", "🦙",
        "\"quoted\"", "\\", "\\n", "\n", "\t", "\r\n", "1 < 2", "a/b", "{\"json\":1}", "[DONE]", "data: x", "\u0001", "\u2028",
        "42", "-", "€", "''", "%", "&amp;", "</div", " >", "|", "id|", "s>",
    ];

    private static readonly string[][] s_markers =
    [
        ["</s>"],
        ["</", "s>"],
        ["<", "/s>"],
        ["<|eot_id|>"],
        ["<|eot_", "id|>"],
        ["<|", "eom_id|>"],
        ["<|end_of_text|>"],
    ];

    private static readonly string[] s_toolNames = ["get_weather", "lookup", "add", "search_docs", "f", "weather.get_weather"];

    private static readonly Gen<string> s_piece = Gen.OneOf(s_tokens).Array[0, 4].Select(string.Concat);

    private static readonly Gen<ContentPiece[]> s_content =
        Gen.Select(s_piece.Array[0, 12], Gen.Int[0, 2], Gen.Int[0, s_markers.Length - 1], Gen.Double[0, 1], (pieces, markerCount, marker, where) =>
        {
            // Markers mostly come last, as DeepInfra sends them; sometimes between two text pieces.
            int at = where < 0.7 ? pieces.Length : (int)(where * pieces.Length);
            var list = new List<ContentPiece>();
            for (int i = 0; i <= pieces.Length; i++)
            {
                if (i == at)
                {
                    for (int m = 0; m < markerCount; m++)
                    {
                        list.AddRange(s_markers[(marker + m) % s_markers.Length].Select(p => new ContentPiece(p, true)));
                    }
                }

                if (i < pieces.Length)
                {
                    list.Add(new ContentPiece(pieces[i], false));
                }
            }

            return list.ToArray();
        });

    private static readonly Gen<string> s_arguments =
        Gen.Select(s_piece, Gen.Int[-5, 1000], Gen.Bool, Gen.Int[0, 3], (text, number, flag, shape) => shape switch
        {
            0 => "{}",
            1 => JsonSerializer.Serialize(new Dictionary<string, object> { ["city"] = text }),
            2 => JsonSerializer.Serialize(new Dictionary<string, object> { ["a"] = number, ["b"] = flag, ["tags"] = new[] { text, "x" } }),
            _ => JsonSerializer.Serialize(new Dictionary<string, object> { ["query"] = text, ["limit"] = number, ["nested"] = new Dictionary<string, object> { ["ok"] = flag } }),
        });

    private static readonly Gen<ToolCallSpec> s_toolCall =
        Gen.Select(Gen.OneOf(s_toolNames), Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[4, 12], s_arguments, Gen.Int[1, 6], (name, id, arguments, pieces) =>
            new ToolCallSpec("call_" + new string(id), name, arguments, Split(arguments, pieces)));

    public static readonly Gen<ReplySpec> Reply =
        Gen.Select(
            Gen.Select(Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"].Array[8, 24], Gen.Long[1_600_000_000, 1_800_000_000], Gen.OneOf(Canned.Model, "meta-llama/Meta-Llama-3.1-70B-Instruct")),
            s_piece.Array[0, 4].Select(r => r.Where(p => p.Length > 0).ToArray()),
            s_content,
            Gen.Frequency((3, Gen.Const(Array.Empty<ToolCallSpec>())), (1, s_toolCall.Array[1, 3])),
            Gen.OneOf("stop", "length", "content_filter", "eos"),
            Gen.Enum<UsagePlacement>(),
            Gen.Select(Gen.Int[1, 5000], Gen.Int[0, 5000], Gen.Double[0, 0.01]),
            Gen.Select(Gen.Bool, Gen.Bool),
            (head, reasoning, content, tools, finish, usage, counts, quirks) => new ReplySpec(
                "chatcmpl-" + new string(head.Item1),
                head.Item2,
                head.Item3,
                reasoning,
                content,
                tools,
                tools.Length > 0 ? "tool_calls" : finish,
                usage,
                counts.Item1,
                counts.Item2,
                Math.Round(counts.Item3, 8),
                quirks.Item1,
                quirks.Item2));

    public static Gen<Framing> Framing(bool streaming) =>
        Gen.Select(
            Gen.Select(Gen.OneOf("\n", "\r\n", "\r"), Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))), Gen.Bool, Gen.Bool),
            Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool),
            Gen.Frequency((6, Gen.Const(DoneMarker.Present)), (2, Gen.Const(DoneMarker.Missing)), (1, Gen.Const(DoneMarker.JunkAfter))),
            Gen.Select(Gen.Frequency((6, Gen.Const(false)), (1, Gen.Const(true))), Gen.Enum<EscapeStyle>(), Gen.Bool),
            Gen.Select(Gen.Bool, Gen.Bool),
            streaming
                ? Gen.OneOf<string?>("text/event-stream", "text/event-stream; charset=utf-8", "application/json", "text/plain", null)
                : Gen.OneOf<string?>("application/json", "application/json; charset=utf-8", "text/plain", "text/html", null),
            Gen.Frequency((1, Gen.Const(1)), (1, Gen.Int[2, 7]), (2, Gen.Int[8, 512]), (3, Gen.Const(4096)), (2, Gen.Const(65536))),
            (eol, fields, done, text, json, contentType, readSize) => new Framing(
                eol.Item1,
                eol.Item2,
                eol.Item3,
                eol.Item4,
                fields.Item1,
                fields.Item2,
                fields.Item3,
                done,
                text.Item1,
                text.Item2,
                text.Item3,
                json.Item1,
                json.Item2,
                contentType,
                readSize));

    private static readonly MutationKind[] s_ordinary =
    [
        MutationKind.Truncate, MutationKind.CutConnection, MutationKind.FlipByte, MutationKind.InsertByte, MutationKind.DeleteBytes,
        MutationKind.InvalidUtf8, MutationKind.DuplicateLine, MutationKind.DeleteLine, MutationKind.SwapLines, MutationKind.ErrorEventType,
        MutationKind.WrongType, MutationKind.NullValue, MutationKind.HugeNumber, MutationKind.DeepNesting, MutationKind.DuplicateProperty,
        MutationKind.ErrorFrame,
    ];

    private static readonly Gen<Mutation> s_ordinaryMutation =
        Gen.Select(Gen.OneOf(s_ordinary), Gen.Double[0, 1], Gen.Int[0, 1000], (kind, where, param) => new Mutation(kind, where, param));

    private static readonly Gen<Mutation> s_wholeReplyMutation =
        Gen.Select(Gen.OneOf(MutationKind.ErrorStatus, MutationKind.Inflate, MutationKind.Endless), Gen.Double[0, 1], Gen.Int[0, 1000], (kind, where, param) => new Mutation(kind, where, param));

    public static readonly Gen<Mutation[]> Mutations = Gen.Frequency(
        (5, Gen.Const(Array.Empty<Mutation>())),
        (12, s_ordinaryMutation.Array[1, 2]),
        (3, s_wholeReplyMutation.Array[1]));

    public static readonly Gen<FuzzCase> Case =
        Gen.Bool.SelectMany(streaming =>
            Gen.Select(Reply, Framing(streaming), Mutations, Gen.Int, (reply, framing, mutations, seed) => new FuzzCase(reply, streaming, framing, mutations, seed)));

    private static string[] Split(string text, int pieces)
    {
        if (pieces <= 1 || text.Length < 2)
        {
            return [text];
        }

        int size = Math.Max(1, text.Length / pieces);
        var result = new List<string>();
        for (int i = 0; i < text.Length; i += size)
        {
            result.Add(text.Substring(i, Math.Min(size, text.Length - i)));
        }

        return [.. result];
    }
}
