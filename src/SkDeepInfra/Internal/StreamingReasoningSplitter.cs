using System;

namespace SkDeepInfra.Internal;

/// <summary>
/// The streaming half of <see cref="InlineReasoning"/>: a stream whose text starts with <c>&lt;think&gt;</c> yields its
/// reasoning as reasoning until <c>&lt;/think&gt;</c>, also when either tag is split across chunks. Only the start of the
/// stream (while it could still be <c>&lt;think&gt;</c>) and a tail that could still be <c>&lt;/think&gt;</c> are held back.
/// </summary>
internal sealed class StreamingReasoningSplitter
{
    private State _state = State.Lead;
    private string _held = string.Empty;

    private enum State
    {
        Lead,
        ReasoningStart,
        Reasoning,
        AnswerStart,
        Answer,
    }

    /// <summary>Takes a piece of the streamed text; returns its answer text, and its reasoning in <paramref name="reasoning"/>.</summary>
    public string Push(string? text, out string reasoning)
    {
        reasoning = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        switch (_state)
        {
            case State.Answer:
                return text!;
            case State.Lead:
                string lead = _held + text;
                string start = lead.TrimStart();
                if (start.Length == 0 || (start.Length < InlineReasoning.Open.Length && InlineReasoning.Open.StartsWith(start, StringComparison.Ordinal)))
                {
                    _held = lead;
                    return string.Empty;
                }

                _held = string.Empty;
                if (!start.StartsWith(InlineReasoning.Open, StringComparison.Ordinal))
                {
                    _state = State.Answer;
                    return lead;
                }

                _state = State.ReasoningStart;
                return PushReasoning(start.Substring(InlineReasoning.Open.Length), out reasoning);
            case State.AnswerStart:
                return StartAnswer(text!);
            default:
                return PushReasoning(text!, out reasoning);
        }
    }

    /// <summary>At the end of the text: a start that never became <c>&lt;think&gt;</c> is text; an unfinished closing tag is reasoning.</summary>
    public string Flush(out string reasoning)
    {
        string held = _held;
        _held = string.Empty;
        bool inReasoning = _state is State.Reasoning or State.ReasoningStart;
        reasoning = inReasoning ? held : string.Empty;
        return inReasoning ? string.Empty : held;
    }

    private string PushReasoning(string text, out string reasoning)
    {
        string pending = _held + text;
        if (_state == State.ReasoningStart)
        {
            pending = pending.TrimStart();
            if (pending.Length == 0)
            {
                _held = string.Empty;
                reasoning = string.Empty;
                return string.Empty;
            }

            _state = State.Reasoning;
        }

        int close = pending.IndexOf(InlineReasoning.Close, StringComparison.Ordinal);
        if (close >= 0)
        {
            reasoning = pending.Substring(0, close);
            _held = string.Empty;
            _state = State.AnswerStart;
            return StartAnswer(pending.Substring(close + InlineReasoning.Close.Length));
        }

        int hold = HeldCloseLength(pending);
        reasoning = pending.Substring(0, pending.Length - hold);
        _held = pending.Substring(pending.Length - hold);
        return string.Empty;
    }

    private string StartAnswer(string text)
    {
        string answer = text.TrimStart();
        if (answer.Length > 0)
        {
            _state = State.Answer;
        }

        return answer;
    }

    /// <summary>The length of the longest end of <paramref name="text"/> that could still grow into <c>&lt;/think&gt;</c>.</summary>
    private static int HeldCloseLength(string text)
    {
        int from = Math.Max(0, text.Length - InlineReasoning.Close.Length + 1);
        for (int i = text.IndexOf('<', from); i >= 0; i = text.IndexOf('<', i + 1))
        {
            if (string.CompareOrdinal(text, i, InlineReasoning.Close, 0, text.Length - i) == 0)
            {
                return text.Length - i;
            }
        }

        return 0;
    }
}
