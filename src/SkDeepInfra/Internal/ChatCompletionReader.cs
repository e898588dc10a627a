using System;
using System.Collections.Generic;
using System.Text.Json;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>
/// Reads a chat completion or a stream chunk from UTF-8 in one <see cref="Utf8JsonReader"/> pass, for the shapes
/// DeepInfra sends. Anything else (an error member, a second choice, a value of an unexpected type, invalid JSON)
/// returns <see langword="null"/> so the caller deserializes with <see cref="DeepInfraJsonContext"/>, the reference,
/// which then yields the same objects or the error it always did. A stream's reader reuses one object graph for
/// every chunk (its consumer copies what it keeps before the next one) and the strings that repeat: id, model.
/// </summary>
internal sealed partial class ChatCompletionReader
{
    private readonly bool _reuse;
    private ChatCompletionResponse? _response;
    private List<WireChoice>? _choices;
    private WireChoice? _choice;
    private WireResponseMessage? _delta;
    private RepeatedString _id;
    private RepeatedString _model;

    // A stream's chunks repeat their leading members (id, object, created, model) byte for byte. The bytes before the
    // first "choices", the reader's state there and the members they set are kept; a chunk that starts with the same
    // bytes is read from that point on, as a full read of identical bytes would set the same members.
    private byte[]? _prefix;
    private int _prefixLength;
    private JsonReaderState _afterPrefix;
    private (string? Id, string? Object, long? Created, string? Model) _prefixMembers;

    private ChatCompletionReader(bool reuse) => _reuse = reuse;

    /// <summary>A reader for one stream: the chunk it returns is valid until the next call.</summary>
    public static ChatCompletionReader ForStream() => new(reuse: true);

    /// <summary>Reads a whole reply into new objects; <see langword="null"/> when the serializer must decide.</summary>
    public static ChatCompletionResponse? TryReadReply(ReadOnlySpan<byte> json) => new ChatCompletionReader(reuse: false).TryRead(json);

    /// <summary>The chunk or reply, or <see langword="null"/> when the serializer must decide.</summary>
    public ChatCompletionResponse? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            if (_prefixLength > 0 && json.Length > _prefixLength && json.Slice(0, _prefixLength).SequenceEqual(_prefix.AsSpan(0, _prefixLength)))
            {
                var rest = new Utf8JsonReader(json.Slice(_prefixLength), isFinalBlock: true, _afterPrefix);
                ChatCompletionResponse response = Reset();
                (response.Id, response.Object, response.Created, response.Model) = _prefixMembers;
                return ReadMembers(ref rest, response, default, remember: false) && !rest.Read() ? response : null;
            }

            var reader = new Utf8JsonReader(json);
            return ReadRoot(ref reader, json) && !reader.Read() ? _response : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Invalid JSON or UTF-8: the serializer reports it, in its words.
            return null;
        }
    }

    private bool ReadRoot(ref Utf8JsonReader reader, ReadOnlySpan<byte> json) =>
        reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadMembers(ref reader, Reset(), json, remember: _reuse);

    private ChatCompletionResponse Reset()
    {
        ChatCompletionResponse response = _response = _reuse && _response is not null ? _response : new ChatCompletionResponse();
        response.Id = response.Object = response.Model = null;
        response.Created = null;
        response.Choices = null;
        response.Usage = null;
        response.Error = null;
        return response;
    }

    /// <summary>The root object's members; with <paramref name="remember"/>, notes the prefix before the first "choices".</summary>
    private bool ReadMembers(ref Utf8JsonReader reader, ChatCompletionResponse response, ReadOnlySpan<byte> json, bool remember)
    {
        bool choicesSeen = false;
        while (true)
        {
            bool beforeChoices = remember && !choicesSeen;
            JsonReaderState before = beforeChoices ? reader.CurrentState : default;
            long consumed = beforeChoices ? reader.BytesConsumed : 0;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            {
                break;
            }

            if (!TryGetName(ref reader, out ReadOnlySpan<byte> name))
            {
                return false;
            }

            bool ok;
            if (name.SequenceEqual("choices"u8))
            {
                if (beforeChoices)
                {
                    Remember(json.Slice(0, (int)consumed), before, response);
                }

                choicesSeen = true;
                ok = ReadChoices(ref reader, out List<WireChoice>? choices);
                response.Choices = choices;
            }
            else if (name.SequenceEqual("id"u8))
            {
                ok = ReadRepeated(ref reader, ref _id, out string? id);
                response.Id = id;
            }
            else if (name.SequenceEqual("model"u8))
            {
                ok = ReadRepeated(ref reader, ref _model, out string? model);
                response.Model = model;
            }
            else if (name.SequenceEqual("object"u8))
            {
                ok = ReadString(ref reader, out string? type, "chat.completion.chunk"u8, "chat.completion.chunk");
                response.Object = type;
            }
            else if (name.SequenceEqual("created"u8))
            {
                ok = ReadInt64(ref reader, out long? created);
                response.Created = created;
            }
            else if (name.SequenceEqual("usage"u8))
            {
                remember &= choicesSeen; // a prefix holds only members that are strings and numbers
                ok = ReadUsage(ref reader, out WireUsage? usage);
                response.Usage = usage;
            }
            else if (name.SequenceEqual("error"u8) || name.SequenceEqual("error_type"u8) || name.SequenceEqual("error_message"u8))
            {
                return false; // an in-band error: the serializer reads it
            }
            else
            {
                ok = Skip(ref reader);
            }

            if (!ok)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private void Remember(ReadOnlySpan<byte> prefix, JsonReaderState afterPrefix, ChatCompletionResponse response)
    {
        if (_prefix is null || _prefix.Length < prefix.Length)
        {
            _prefix = new byte[prefix.Length];
        }

        prefix.CopyTo(_prefix);
        _prefixLength = prefix.Length;
        _afterPrefix = afterPrefix;
        _prefixMembers = (response.Id, response.Object, response.Created, response.Model);
    }

    private bool ReadChoices(ref Utf8JsonReader reader, out List<WireChoice>? choices)
    {
        choices = null;
        if (OutcomeUnlessOpened(ref reader, JsonTokenType.StartArray) is bool outcome)
        {
            return outcome;
        }

        choices = _reuse ? (_choices ??= new List<WireChoice>(1)) : new List<WireChoice>(1);
        choices.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (choices.Count > 0)
            {
                return false;
            }

            WireChoice choice = _reuse ? (_choice ??= new WireChoice()) : new WireChoice();
            if (!ReadChoice(ref reader, choice))
            {
                return false;
            }

            choices.Add(choice);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    private bool ReadChoice(ref Utf8JsonReader reader, WireChoice choice)
    {
        choice.Index = 0;
        choice.Message = choice.Delta = null;
        choice.FinishReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryGetName(ref reader, out ReadOnlySpan<byte> name))
            {
                return false;
            }

            bool ok;
            if (name.SequenceEqual("delta"u8))
            {
                ok = ReadMessage(ref reader, _reuse ? (_delta ??= new WireResponseMessage()) : new WireResponseMessage(), out WireResponseMessage? delta);
                choice.Delta = delta;
            }
            else if (name.SequenceEqual("message"u8))
            {
                ok = ReadMessage(ref reader, new WireResponseMessage(), out WireResponseMessage? message);
                choice.Message = message;
            }
            else if (name.SequenceEqual("finish_reason"u8))
            {
                ok = ReadFinishReason(ref reader, out string? finishReason);
                choice.FinishReason = finishReason;
            }
            else if (name.SequenceEqual("index"u8))
            {
                // Not nullable: a null index is the serializer's error to report.
                ok = ReadInt32(ref reader, out int? index) && index is not null;
                choice.Index = index ?? 0;
            }
            else
            {
                ok = Skip(ref reader);
            }

            if (!ok)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadMessage(ref Utf8JsonReader reader, WireResponseMessage target, out WireResponseMessage? message)
    {
        message = null;
        if (OutcomeUnlessOpened(ref reader, JsonTokenType.StartObject) is bool outcome)
        {
            return outcome;
        }

        target.Role = target.Content = target.ReasoningContent = null;
        target.ToolCalls = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryGetName(ref reader, out ReadOnlySpan<byte> name))
            {
                return false;
            }

            bool ok;
            if (name.SequenceEqual("content"u8))
            {
                ok = ReadString(ref reader, out string? content);
                target.Content = content;
            }
            else if (name.SequenceEqual("role"u8))
            {
                ok = ReadString(ref reader, out string? role, "assistant"u8, "assistant");
                target.Role = role;
            }
            else if (name.SequenceEqual("reasoning_content"u8))
            {
                ok = ReadString(ref reader, out string? reasoning);
                target.ReasoningContent = reasoning;
            }
            else if (name.SequenceEqual("tool_calls"u8))
            {
                ok = ReadToolCalls(ref reader, out List<WireToolCall>? toolCalls);
                target.ToolCalls = toolCalls;
            }
            else
            {
                ok = Skip(ref reader);
            }

            if (!ok)
            {
                return false;
            }
        }

        message = target;
        return reader.TokenType == JsonTokenType.EndObject;
    }
}
