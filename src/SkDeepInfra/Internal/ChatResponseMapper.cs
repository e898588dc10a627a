using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>Turns DeepInfra replies into Microsoft.Extensions.AI objects.</summary>
internal static class ChatResponseMapper
{
    /// <param name="wire">The parsed reply.</param>
    /// <param name="body">Its bytes, quoted in errors.</param>
    /// <param name="redactor">Masks the key in errors.</param>
    /// <param name="family">The model's family: its end markers, and whether a leading <c>&lt;think&gt;</c> is reasoning.</param>
    public static ChatResponse FromWireResponse(ChatCompletionResponse wire, ReadOnlySpan<byte> body, SecretRedactor redactor, DeepInfraModelFamily? family = null)
    {
        family ??= DeepInfraModelFamilies.Unknown;
        if (wire.Choices is not { Count: > 0 } choices)
        {
            throw DeepInfraErrors.Malformed("the reply has no choices", redactor.Decode(body));
        }

        WireChoice choice = choices[0] ?? throw DeepInfraErrors.Malformed("the first choice is null", redactor.Decode(body));
        WireResponseMessage message = choice.Message ?? throw DeepInfraErrors.Malformed("the first choice has no message", redactor.Decode(body));

        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message.ReasoningContent))
        {
            contents.Add(new TextReasoningContent(message.ReasoningContent));
        }

        string? answer = message.Content;
        if (family.InlineReasoning && InlineReasoning.TrySplit(answer, out string reasoning, out answer) && reasoning.Length > 0)
        {
            contents.Add(new TextReasoningContent(reasoning));
        }

        string text = EndOfSequenceMarkers.StripTrailing(answer, family.EndMarkers);
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }

        if (message.ToolCalls is { Count: > 0 } toolCalls)
        {
            foreach (WireToolCall? call in toolCalls)
            {
                if (call?.Function is not { Name: { } name } function)
                {
                    throw DeepInfraErrors.Malformed("a tool call has no function name", redactor.Decode(body));
                }

                contents.Add(ToFunctionCall(call.Id, name, function.Arguments));
            }
        }

        var assistant = new ChatMessage(ChatRole.Assistant, contents) { MessageId = wire.Id };
        var response = new ChatResponse(assistant)
        {
            ResponseId = wire.Id,
            ModelId = wire.Model,
            CreatedAt = ToCreatedAt(wire.Created),
            FinishReason = ToFinishReason(choice.FinishReason),
            Usage = ToUsage(wire.Usage),
        };

        if (wire.Usage?.EstimatedCost is double cost)
        {
            // On the response, and on the message as ToChatResponse() puts it for a stream.
            response.AdditionalProperties = new() { [DeepInfraPropertyNames.EstimatedCost] = cost };
            assistant.AdditionalProperties = new() { [DeepInfraPropertyNames.EstimatedCost] = cost };
        }

        return response;
    }

    /// <summary>
    /// A tool call. Arguments that are not a JSON object set <see cref="FunctionCallContent.Exception"/>, and their text is
    /// kept under <see cref="RawArgumentsKey"/>, so the call goes back to the model as it was written.
    /// </summary>
    public static FunctionCallContent ToFunctionCall(string? id, string name, string? arguments)
    {
        FunctionCallContent call = FunctionCallContent.CreateFromParsedArguments(
            arguments ?? string.Empty,
            string.IsNullOrEmpty(id) ? NewCallId() : id!,
            name,
            JsonValues.ParseArguments);
        if (call.Exception is not null && arguments is not null)
        {
            call.AdditionalProperties = new() { [RawArgumentsKey] = arguments };
        }

        return call;
    }

    /// <summary>Where a tool call whose arguments could not be parsed keeps their text.</summary>
    public const string RawArgumentsKey = "skdeepinfra.raw_arguments";

    public static ChatFinishReason? ToFinishReason(string? value) => value switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(value) => null, // ChatFinishReason refuses white space
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(value),
    };

    public static UsageDetails? ToUsage(WireUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens ?? (usage.PromptTokens + usage.CompletionTokens),
        ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
        CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
    };

    public static DateTimeOffset? ToCreatedAt(long? created) =>
        created is long seconds and > 0 and < 253402300800 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static string NewCallId() => "call_" + Guid.NewGuid().ToString("N").Substring(0, 24);
}
