using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SkDeepInfra.Internal.Wire;

/// <summary>
/// Writes a <see cref="ChatCompletionRequest"/> with a <see cref="Utf8JsonWriter"/>, byte for byte what
/// <see cref="DeepInfraJsonContext"/> writes (members in declaration order, snake_case, nulls omitted, extension data
/// last), without the serializer's per-call state. A test compares the two on a request with every member set.
/// </summary>
internal static class ChatCompletionRequestWriter
{
    public static void Write(Utf8JsonWriter writer, ChatCompletionRequest request)
    {
        writer.WriteStartObject();
        WriteString(writer, "model"u8, request.Model);
        if (request.Messages is { } messages)
        {
            writer.WriteStartArray("messages"u8);
            for (int i = 0; i < messages.Count; i++)
            {
                WriteMessage(writer, messages[i]);
            }

            writer.WriteEndArray();
        }

        WriteBoolean(writer, "stream"u8, request.Stream);
        if (request.StreamOptions is { } streamOptions)
        {
            writer.WriteStartObject("stream_options"u8);
            writer.WriteBoolean("include_usage"u8, streamOptions.IncludeUsage);
            writer.WriteEndObject();
        }

        WriteNumber(writer, "temperature"u8, request.Temperature);
        WriteNumber(writer, "top_p"u8, request.TopP);
        WriteNumber(writer, "min_p"u8, request.MinP);
        WriteNumber(writer, "top_k"u8, request.TopK);
        WriteNumber(writer, "max_tokens"u8, request.MaxTokens);
        WriteNumber(writer, "presence_penalty"u8, request.PresencePenalty);
        WriteNumber(writer, "frequency_penalty"u8, request.FrequencyPenalty);
        WriteNumber(writer, "repetition_penalty"u8, request.RepetitionPenalty);
        if (request.Seed is long seed)
        {
            writer.WriteNumber("seed"u8, seed);
        }

        WriteString(writer, "user"u8, request.User);
        if (request.Stop is { } stop)
        {
            writer.WriteStartArray("stop"u8);
            foreach (string? sequence in stop)
            {
                writer.WriteStringValue(sequence);
            }

            writer.WriteEndArray();
        }

        if (request.ResponseFormat is { } format)
        {
            WriteResponseFormat(writer, format);
        }

        if (request.Tools is { } tools)
        {
            writer.WriteStartArray("tools"u8);
            foreach (WireTool? tool in tools)
            {
                WriteTool(writer, tool);
            }

            writer.WriteEndArray();
        }

        WriteString(writer, "tool_choice"u8, request.ToolChoice);
        WriteBoolean(writer, "parallel_tool_calls"u8, request.ParallelToolCalls);
        WriteString(writer, "reasoning_effort"u8, request.ReasoningEffort);
        if (request.Extra is { } extra)
        {
            foreach (KeyValuePair<string, JsonElement> entry in extra)
            {
                writer.WritePropertyName(entry.Key);
                entry.Value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, WireRequestMessage? message)
    {
        if (message is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        WriteString(writer, "role"u8, message.Role);
        if (message.Content is { } content)
        {
            writer.WritePropertyName("content"u8);
            WireContentConverter.WriteContent(writer, content);
        }

        WriteString(writer, "name"u8, message.Name);
        if (message.ToolCalls is { } toolCalls)
        {
            writer.WriteStartArray("tool_calls"u8);
            foreach (WireToolCall? call in toolCalls)
            {
                WriteToolCall(writer, call);
            }

            writer.WriteEndArray();
        }

        WriteString(writer, "tool_call_id"u8, message.ToolCallId);
        WriteString(writer, "reasoning_content"u8, message.ReasoningContent);
        writer.WriteEndObject();
    }

    private static void WriteToolCall(Utf8JsonWriter writer, WireToolCall? call)
    {
        if (call is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        WriteNumber(writer, "index"u8, call.Index);
        WriteString(writer, "id"u8, call.Id);
        WriteString(writer, "type"u8, call.Type);
        if (call.Function is { } function)
        {
            writer.WriteStartObject("function"u8);
            WriteString(writer, "name"u8, function.Name);
            WriteString(writer, "arguments"u8, function.Arguments);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter writer, WireTool? tool)
    {
        if (tool is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        WriteString(writer, "type"u8, tool.Type);
        if (tool.Function is { } function)
        {
            writer.WriteStartObject("function"u8);
            WriteString(writer, "name"u8, function.Name);
            WriteString(writer, "description"u8, function.Description);
            WriteElement(writer, "parameters"u8, function.Parameters);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteResponseFormat(Utf8JsonWriter writer, WireResponseFormat format)
    {
        writer.WriteStartObject("response_format"u8);
        WriteString(writer, "type"u8, format.Type);
        if (format.JsonSchema is { } schema)
        {
            writer.WriteStartObject("json_schema"u8);
            WriteString(writer, "name"u8, schema.Name);
            WriteString(writer, "description"u8, schema.Description);
            WriteElement(writer, "schema"u8, schema.Schema);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is double number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is int number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteBoolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is bool flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    private static void WriteElement(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement? value)
    {
        if (value is JsonElement element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }
}
