using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>
/// Collects streamed tool-call fragments by <c>index</c> (first fragment: id and name; later ones: argument pieces)
/// and yields each call once, complete, in index order.
/// </summary>
internal sealed class ToolCallAccumulator
{
    private readonly List<PendingCall> _calls = [];

    public bool IsEmpty => _calls.Count == 0;

    public void Add(WireToolCall fragment)
    {
        PendingCall call = Find(fragment) ?? Start(fragment);
        if (string.IsNullOrEmpty(call.Id) && !string.IsNullOrEmpty(fragment.Id))
        {
            call.Id = fragment.Id;
        }

        if (string.IsNullOrEmpty(call.Name) && !string.IsNullOrEmpty(fragment.Function?.Name))
        {
            call.Name = fragment.Function!.Name;
        }

        if (fragment.Function?.Arguments is { Length: > 0 } arguments)
        {
            call.Arguments.Append(arguments);
        }
    }

    /// <summary>The completed calls, in index order; <paramref name="unnamedIndex"/> reports a call that never got a name.</summary>
    public List<FunctionCallContent> Complete(out int? unnamedIndex)
    {
        _calls.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        var result = new List<FunctionCallContent>(_calls.Count);
        unnamedIndex = null;
        foreach (PendingCall call in _calls)
        {
            if (string.IsNullOrEmpty(call.Name))
            {
                unnamedIndex = call.Index;
                continue;
            }

            result.Add(ChatResponseMapper.ToFunctionCall(call.Id, call.Name!, call.Arguments.ToString()));
        }

        _calls.Clear();
        return result;
    }

    private PendingCall? Find(WireToolCall fragment)
    {
        if (fragment.Index is int index)
        {
            foreach (PendingCall call in _calls)
            {
                if (call.Index == index)
                {
                    return call;
                }
            }

            return null;
        }

        // No index: a new id starts a new call, anything else continues the latest one.
        PendingCall? last = _calls.Count == 0 ? null : _calls[_calls.Count - 1];
        return last is not null && (string.IsNullOrEmpty(fragment.Id) || fragment.Id == last.Id) ? last : null;
    }

    private PendingCall Start(WireToolCall fragment)
    {
        var call = new PendingCall(fragment.Index ?? _calls.Count);
        _calls.Add(call);
        return call;
    }

    private sealed class PendingCall(int index)
    {
        public int Index { get; } = index;
        public string? Id { get; set; }
        public string? Name { get; set; }
        public StringBuilder Arguments { get; } = new();
    }
}
