using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>Turns Microsoft.Extensions.AI messages and options into DeepInfra's request body. Validates everything first.</summary>
internal static class ChatRequestMapper
{
    public static ChatCompletionRequest ToWireRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModelId, bool stream)
    {
        var request = new ChatCompletionRequest
        {
            Model = string.IsNullOrWhiteSpace(options?.ModelId) ? defaultModelId : options!.ModelId!,
            Messages = ToWireMessages(messages, options?.Instructions),
        };

        if (stream)
        {
            request.Stream = true;
            request.StreamOptions = new WireStreamOptions();
        }

        if (options is not null)
        {
            ChatOptionsMapper.Apply(options, request);
            ToolMapper.Apply(options, request);
        }

        return request;
    }

    /// <summary>Maps the conversation; instructions and every system message are merged, in order, into one leading system message.</summary>
    public static List<WireRequestMessage> ToWireMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        if (messages is null)
        {
            throw new ArgumentNullException(nameof(messages));
        }

        var wire = new List<WireRequestMessage>();
        StringBuilder? system = null;
        AppendSystem(ref system, instructions);

        foreach (ChatMessage message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException("messages must not contain null entries.", nameof(messages));
            }

            if (message.Role == ChatRole.System)
            {
                AppendSystem(ref system, SystemText(message));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                wire.Add(ToAssistantMessage(message));
            }
            else if (message.Role == ChatRole.Tool)
            {
                AddToolResults(message, wire);
            }
            else if (message.Role == ChatRole.User)
            {
                AddUserMessage(message, wire);
            }
            else
            {
                throw new NotSupportedException($"DeepInfra does not accept messages with role '{message.Role}'; use system, user, assistant or tool.");
            }
        }

        if (wire.Count == 0)
        {
            throw new ArgumentException("messages must contain at least one user, assistant or tool message.", nameof(messages));
        }

        if (system is not null)
        {
            wire.Insert(0, new WireRequestMessage { Role = "system", Content = new WireContent(system.ToString()) });
        }

        return wire;
    }

    private static void AppendSystem(ref StringBuilder? system, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (system is null)
        {
            system = new StringBuilder(text);
        }
        else
        {
            system.Append("\n\n").Append(text);
        }
    }

    private static string SystemText(ChatMessage message)
    {
        foreach (AIContent content in message.Contents)
        {
            if (content is not TextContent && !IsIgnored(content))
            {
                throw Unsupported(content, message.Role);
            }
        }

        return message.Text;
    }

    private static void AddUserMessage(ChatMessage message, List<WireRequestMessage> wire)
    {
        bool hasMedia = false;
        foreach (AIContent content in message.Contents)
        {
            if (content is FunctionResultContent)
            {
                // Some frameworks put tool results in user messages; the endpoint wants tool messages.
                AddToolResults(message, wire);
                return;
            }

            hasMedia |= IsImage(content);
        }

        if (!hasMedia)
        {
            foreach (AIContent content in message.Contents)
            {
                if (content is not TextContent && !IsIgnored(content))
                {
                    throw Unsupported(content, message.Role);
                }
            }

            wire.Add(new WireRequestMessage { Role = "user", Content = new WireContent(message.Text), Name = message.AuthorName });
            return;
        }

        var parts = new List<WireContentPart>();
        foreach (AIContent content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(new WireContentPart { Type = "text", Text = text.Text });
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(new WireContentPart { Type = "image_url", ImageUrl = data.Uri });
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(new WireContentPart { Type = "image_url", ImageUrl = uri.Uri.ToString() });
                    break;
                default:
                    if (!IsIgnored(content))
                    {
                        throw Unsupported(content, message.Role);
                    }

                    break;
            }
        }

        wire.Add(new WireRequestMessage { Role = "user", Content = new WireContent(parts), Name = message.AuthorName });
    }

    /// <summary>The arguments as JSON text; a call whose arguments could not be parsed goes back as the model wrote it.</summary>
    internal static string ToWireArguments(FunctionCallContent call) =>
        call.Arguments is null && call.AdditionalProperties?.TryGetValue(ChatResponseMapper.RawArgumentsKey, out string? raw) == true && raw is not null
            ? raw
            : JsonValues.SerializeArguments(call.Arguments);

    private static WireRequestMessage ToAssistantMessage(ChatMessage message)
    {
        List<WireToolCall>? toolCalls = null;
        foreach (AIContent content in message.Contents)
        {
            if (content is FunctionCallContent call)
            {
                (toolCalls ??= []).Add(new WireToolCall
                {
                    Id = call.CallId,
                    Type = "function",
                    Function = new WireFunctionCall { Name = call.Name, Arguments = ToWireArguments(call) },
                });
            }
            else if (content is not TextContent && !IsIgnored(content))
            {
                throw Unsupported(content, message.Role);
            }
        }

        string text = message.Text;
        return new WireRequestMessage
        {
            Role = "assistant",
            Content = toolCalls is not null && text.Length == 0 ? null : new WireContent(text),
            Name = message.AuthorName,
            ToolCalls = toolCalls,
        };
    }

    private static void AddToolResults(ChatMessage message, List<WireRequestMessage> wire)
    {
        foreach (AIContent content in message.Contents)
        {
            if (content is FunctionResultContent result)
            {
                wire.Add(new WireRequestMessage
                {
                    Role = "tool",
                    ToolCallId = result.CallId,
                    Content = new WireContent(JsonValues.ToToolResultText(result.Result)),
                });
            }
            else if (!IsIgnored(content))
            {
                throw Unsupported(content, message.Role);
            }
        }
    }

    private static bool IsImage(AIContent content) =>
        (content is DataContent data && data.HasTopLevelMediaType("image")) ||
        (content is UriContent uri && uri.HasTopLevelMediaType("image"));

    /// <summary>Content that describes a past reply but is never sent back: reasoning and usage.</summary>
    private static bool IsIgnored(AIContent content) => content is TextReasoningContent or UsageContent;

    private static NotSupportedException Unsupported(AIContent content, ChatRole role)
    {
        string? mediaType = content switch
        {
            DataContent data => data.MediaType,
            UriContent uri => uri.MediaType,
            _ => null,
        };
        string what = mediaType is null ? content.GetType().Name : $"{content.GetType().Name} ({mediaType})";
        return new($"DeepInfra chat messages cannot carry {what} in a {role} message; supported are text, images (user messages), function calls (assistant) and function results (tool).");
    }
}
