namespace SkDeepInfra.Reliability;

/// <summary>A piece of assistant content as DeepInfra streams it: text, or part of an end marker the client must remove.</summary>
public sealed record ContentPiece(string Text, bool IsMarker);

/// <summary>A tool call of a reply; <see cref="ArgumentPieces"/> concatenate to <see cref="Arguments"/>.</summary>
public sealed record ToolCallSpec(string Id, string Name, string Arguments, string[] ArgumentPieces);

public enum UsagePlacement
{
    None,
    OnFinishChunk,
    TrailingChunk,
}

/// <summary>
/// A realistic DeepInfra reply, before it is written: the same reply renders as a <c>chat.completion</c> body or as a
/// stream of <c>chat.completion.chunk</c> events with DeepInfra's quirks (repeated role, <c>tool_calls: null</c>,
/// <c>&lt;/s&gt;</c> markers, usage on the finish chunk or in a trailing chunk).
/// </summary>
public sealed record ReplySpec(
    string Id,
    long Created,
    string Model,
    string[] Reasoning,
    ContentPiece[] Content,
    ToolCallSpec[] ToolCalls,
    string FinishReason,
    UsagePlacement Usage,
    int PromptTokens,
    int CompletionTokens,
    double Cost,
    bool RepeatRole,
    bool NullToolCalls)
{
    /// <summary>
    /// What the client must deliver as text: every piece, less the markers that end it (with the white space between and
    /// after them). A marker followed by more text is text.
    /// </summary>
    public string ExpectedText
    {
        get
        {
            int cut = Content.Length;
            for (int i = Content.Length - 1; i >= 0 && (Content[i].IsMarker || string.IsNullOrWhiteSpace(Content[i].Text)); i--)
            {
                if (Content[i].IsMarker)
                {
                    cut = i;
                }
            }

            return string.Concat(Content.Take(cut).Select(p => p.Text));
        }
    }

    public string ExpectedReasoning => string.Concat(Reasoning);

    public override string ToString() =>
        $"Reply(content {Content.Length} pieces \"{Shorten(ExpectedText)}\", reasoning {Reasoning.Length}, tools {ToolCalls.Length}, finish {FinishReason}, usage {Usage}, repeatRole {RepeatRole}, nullToolCalls {NullToolCalls})";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>Ways of writing a stream or body that change nothing a correct reader sees.</summary>
public sealed record Framing(
    string LineEnding,
    bool MixedLineEndings,
    bool NoSpaceAfterData,
    bool Comments,
    bool IdAndRetryFields,
    bool ExtraBlankLines,
    bool MultiLineData,
    DoneMarker Done,
    bool ByteOrderMark,
    EscapeStyle Escapes,
    bool Indent,
    bool ShuffleProperties,
    bool UnknownFields,
    string? ContentType,
    int ReadSize)
{
    public override string ToString() =>
        $"Framing(eol {Escape(LineEnding)}{(MixedLineEndings ? " mixed" : "")}, noSpace {NoSpaceAfterData}, comments {Comments}, id/retry {IdAndRetryFields}, blank {ExtraBlankLines}, multiLine {MultiLineData}, done {Done}, bom {ByteOrderMark}, escapes {Escapes}, indent {Indent}, shuffle {ShuffleProperties}, unknown {UnknownFields}, type {ContentType ?? "none"}, read {ReadSize})";

    private static string Escape(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

public enum DoneMarker
{
    Present,
    Missing,
    JunkAfter,
}

public enum EscapeStyle
{
    Minimal,
    NonAscii,
    All,
    Random,
}

/// <summary>A damaging change; <see cref="Where"/> (in [0, 1)) picks the place, <see cref="Param"/> the variant.</summary>
public sealed record Mutation(MutationKind Kind, double Where, int Param)
{
    public override string ToString() => $"{Kind}@{Where:0.###}/{Param}";
}

public enum MutationKind
{
    // Byte level.
    Truncate,
    CutConnection,
    FlipByte,
    InsertByte,
    DeleteBytes,
    InvalidUtf8,

    // Line level (streams) or text level (bodies).
    DuplicateLine,
    DeleteLine,
    SwapLines,
    ErrorEventType,

    // JSON level, on a value of a known field.
    WrongType,
    NullValue,
    HugeNumber,
    DeepNesting,
    DuplicateProperty,

    // An in-band error: an error frame inside a stream, an error object in a 200 body.
    ErrorFrame,

    // Whole reply.
    ErrorStatus,
    Inflate,
    Endless,
}

/// <summary>What a correct client must do with a case.</summary>
public enum Oracle
{
    /// <summary>Succeed with exactly the reply's text, reasoning, tool calls and finish reason.</summary>
    Valid,

    /// <summary>Succeed with exactly the reply's text, tool calls and finish reason (usage may be missing).</summary>
    Complete,

    /// <summary>Either throw <see cref="DeepInfraException"/>, or succeed with exactly the reply's text and tool calls.</summary>
    ExactIfSuccess,

    /// <summary>Either throw <see cref="DeepInfraException"/>, or succeed with any content.</summary>
    Any,

    /// <summary>Throw <see cref="DeepInfraException"/> (an error status, or more data than the limits allow).</summary>
    MustFail,
}

/// <summary>One fuzz case: a reply, streamed or not, written with a framing, then damaged by the mutations.</summary>
public sealed record FuzzCase(ReplySpec Reply, bool Streaming, Framing Framing, Mutation[] Mutations, int Seed)
{
    public override string ToString() =>
        $"{(Streaming ? "stream" : "body")} {Reply} {Framing} mutations [{string.Join(", ", Mutations.Select(m => m.ToString()))}] seed {Seed}";
}
