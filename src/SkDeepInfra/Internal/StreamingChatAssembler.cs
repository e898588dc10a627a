using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>
/// Turns stream chunks into <see cref="ChatResponseUpdate"/>s, one per chunk that carries something: text (without
/// end-of-sequence markers), reasoning, tool calls (emitted complete with the finish chunk), usage with
/// <c>estimated_cost</c>, and the finish reason. Repeated <c>role</c> and <c>tool_calls: null</c> are ignored.
/// </summary>
internal sealed class StreamingChatAssembler
{
    private readonly SecretRedactor _redactor;
    private readonly long _maxToolCallChars;
    private readonly StreamingTextFilter _text = new();
    private readonly ToolCallAccumulator _toolCalls = new();
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;
    private long _toolCallChars;

    /// <param name="redactor">Masks the key in error frames.</param>
    /// <param name="maxToolCallChars">The most tool-call text (ids, names, arguments) held while calls are assembled.</param>
    public StreamingChatAssembler(SecretRedactor redactor, long maxToolCallChars = DeepInfraClientOptions.DefaultMaxResponseBytes)
    {
        _redactor = redactor;
        _maxToolCallChars = maxToolCallChars;
    }

    public bool Finished { get; private set; }

    public UsageDetails? Usage { get; private set; }

    public double? EstimatedCost { get; private set; }

    public ChatResponseUpdate? Process(ChatCompletionResponse chunk)
    {
        DeepInfraErrors.ThrowIfErrorFrame(chunk.Error, chunk.ErrorType, chunk.ErrorMessage, default, _redactor);

        _responseId ??= chunk.Id;
        _modelId ??= chunk.Model;
        _createdAt ??= ChatResponseMapper.ToCreatedAt(chunk.Created);

        List<AIContent>? contents = null;
        ChatFinishReason? finishReason = null;
        if (chunk.Choices is { Count: > 0 } choices)
        {
            WireChoice choice = choices[0] ?? throw DeepInfraErrors.Malformed("a stream chunk has a null choice", null);
            if ((choice.Delta ?? choice.Message) is { } delta)
            {
                AddDelta(delta, ref contents);
            }

            if (!string.IsNullOrWhiteSpace(choice.FinishReason))
            {
                finishReason = ChatResponseMapper.ToFinishReason(choice.FinishReason);
                Finish(ref contents);
            }
        }

        AdditionalPropertiesDictionary? properties = null;
        if (chunk.Usage is { } usage)
        {
            Usage = ChatResponseMapper.ToUsage(usage);
            (contents ??= []).Add(new UsageContent(Usage!));
            if (usage.EstimatedCost is double cost)
            {
                EstimatedCost = cost;
                properties = new() { [DeepInfraPropertyNames.EstimatedCost] = cost };
            }
        }

        if (contents is null && finishReason is null)
        {
            return null;
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents ?? [])
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = _modelId,
            CreatedAt = _createdAt,
            FinishReason = finishReason,
            AdditionalProperties = properties,
        };
    }

    private void AddDelta(WireResponseMessage delta, ref List<AIContent>? contents)
    {
        if (!string.IsNullOrEmpty(delta.ReasoningContent))
        {
            (contents ??= []).Add(new TextReasoningContent(delta.ReasoningContent));
        }

        string text = _text.Push(delta.Content);
        if (text.Length > 0)
        {
            (contents ??= new List<AIContent>(1)).Add(new TextContent(text)); // usually the only content: no spare capacity
        }

        if (delta.ToolCalls is { Count: > 0 } toolCalls)
        {
            foreach (WireToolCall fragment in toolCalls)
            {
                _toolCalls.Add(fragment ?? throw DeepInfraErrors.Malformed("a stream chunk has a null tool call", null));
                _toolCallChars += 1 + (fragment.Id?.Length ?? 0) + (fragment.Function?.Name?.Length ?? 0) + (fragment.Function?.Arguments?.Length ?? 0);
                if (_toolCallChars > _maxToolCallChars)
                {
                    throw DeepInfraErrors.TooLarge("tool calls", _maxToolCallChars, nameof(DeepInfraClientOptions.MaxResponseBytes));
                }
            }
        }
    }

    private void Finish(ref List<AIContent>? contents)
    {
        Finished = true;
        string tail = _text.Flush();
        if (tail.Length > 0)
        {
            (contents ??= []).Add(new TextContent(tail));
        }

        if (_toolCalls.IsEmpty)
        {
            return;
        }

        List<FunctionCallContent> calls = _toolCalls.Complete(out int? unnamedIndex);
        if (unnamedIndex is int index)
        {
            throw DeepInfraErrors.Malformed($"the tool call at index {index} has no function name", null);
        }

        (contents ??= []).AddRange(calls);
    }
}
