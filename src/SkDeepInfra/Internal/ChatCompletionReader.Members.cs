using System;
using System.Collections.Generic;
using System.Text.Json;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>Tool calls and usage: the nested members of a message and a reply.</summary>
internal sealed partial class ChatCompletionReader
{
    private static bool ReadToolCalls(ref Utf8JsonReader reader, out List<WireToolCall>? toolCalls)
    {
        toolCalls = null;
        if (OutcomeUnlessOpened(ref reader, JsonTokenType.StartArray) is bool outcome)
        {
            return outcome;
        }

        toolCalls = new List<WireToolCall>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var call = new WireToolCall();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!TryGetName(ref reader, out ReadOnlySpan<byte> name))
                {
                    return false;
                }

                bool ok;
                if (name.SequenceEqual("index"u8))
                {
                    ok = ReadInt32(ref reader, out int? index);
                    call.Index = index;
                }
                else if (name.SequenceEqual("id"u8))
                {
                    ok = ReadString(ref reader, out string? id);
                    call.Id = id;
                }
                else if (name.SequenceEqual("type"u8))
                {
                    ok = ReadString(ref reader, out string? type, "function"u8, "function");
                    call.Type = type;
                }
                else if (name.SequenceEqual("function"u8))
                {
                    ok = ReadFunction(ref reader, out WireFunctionCall? function);
                    call.Function = function;
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

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            toolCalls.Add(call);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadFunction(ref Utf8JsonReader reader, out WireFunctionCall? function)
    {
        function = null;
        if (OutcomeUnlessOpened(ref reader, JsonTokenType.StartObject) is bool outcome)
        {
            return outcome;
        }

        var result = new WireFunctionCall();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryGetName(ref reader, out ReadOnlySpan<byte> name))
            {
                return false;
            }

            bool ok;
            if (name.SequenceEqual("arguments"u8))
            {
                ok = ReadString(ref reader, out string? arguments);
                result.Arguments = arguments;
            }
            else if (name.SequenceEqual("name"u8))
            {
                ok = ReadString(ref reader, out string? functionName);
                result.Name = functionName;
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

        function = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadUsage(ref Utf8JsonReader reader, out WireUsage? usage)
    {
        usage = null;
        if (OutcomeUnlessOpened(ref reader, JsonTokenType.StartObject) is bool outcome)
        {
            return outcome;
        }

        var result = new WireUsage();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryGetName(ref reader, out ReadOnlySpan<byte> name))
            {
                return false;
            }

            bool ok;
            int? count;
            if (name.SequenceEqual("prompt_tokens"u8))
            {
                ok = ReadInt32(ref reader, out count);
                result.PromptTokens = count;
            }
            else if (name.SequenceEqual("completion_tokens"u8))
            {
                ok = ReadInt32(ref reader, out count);
                result.CompletionTokens = count;
            }
            else if (name.SequenceEqual("total_tokens"u8))
            {
                ok = ReadInt32(ref reader, out count);
                result.TotalTokens = count;
            }
            else if (name.SequenceEqual("estimated_cost"u8))
            {
                ok = ReadDouble(ref reader, out double? cost);
                result.EstimatedCost = cost;
            }
            else if (name.SequenceEqual("completion_tokens_details"u8))
            {
                ok = ReadDetail(ref reader, "reasoning_tokens"u8, out bool present, out count);
                result.CompletionTokensDetails = present ? new WireCompletionTokensDetails { ReasoningTokens = count } : null;
            }
            else if (name.SequenceEqual("prompt_tokens_details"u8))
            {
                ok = ReadDetail(ref reader, "cached_tokens"u8, out bool present, out count);
                result.PromptTokensDetails = present ? new WirePromptTokensDetails { CachedTokens = count } : null;
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

        usage = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>A <c>*_tokens_details</c> object: null, or an object whose one member of interest is <paramref name="member"/>.</summary>
    private static bool ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> member, out bool present, out int? value)
    {
        present = false;
        value = null;
        if (OutcomeUnlessOpened(ref reader, JsonTokenType.StartObject) is bool outcome)
        {
            return outcome;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryGetName(ref reader, out ReadOnlySpan<byte> name) || !(name.SequenceEqual(member) ? ReadInt32(ref reader, out value) : Skip(ref reader)))
            {
                return false;
            }
        }

        present = true;
        return reader.TokenType == JsonTokenType.EndObject;
    }
}
