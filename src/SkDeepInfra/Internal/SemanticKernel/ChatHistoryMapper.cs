using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using MeaiFunctionCall = Microsoft.Extensions.AI.FunctionCallContent;
using MeaiFunctionResult = Microsoft.Extensions.AI.FunctionResultContent;
using MeaiText = Microsoft.Extensions.AI.TextContent;
using SkFunctionCall = Microsoft.SemanticKernel.FunctionCallContent;
using SkFunctionResult = Microsoft.SemanticKernel.FunctionResultContent;
using SkText = Microsoft.SemanticKernel.TextContent;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// Semantic Kernel's <see cref="ChatHistory"/> to the messages <see cref="DeepInfraChatClient"/> sends, as Semantic Kernel's
/// OpenAI connector maps it: function calls under their fully qualified name (<c>Plugin-Function</c>), a call the model made
/// sent back as it was written, tool results as text (exceptions and images as the connector's error strings).
/// </summary>
internal static class ChatHistoryMapper
{
    /// <summary>Between plugin and function name in tool names, as in Semantic Kernel's OpenAI connector.</summary>
    public const string NameSeparator = "-";

    /// <summary>What the model is told when a tool returned an image, which DeepInfra's tool messages cannot carry.</summary>
    public const string ImageResultError = "Error: This model does not support image content in tool results.";

    /// <summary>The metadata key of a text tool message's call id, as Semantic Kernel's OpenAI connector reads it.</summary>
    private const string ToolIdMetadataKey = "ChatCompletionsToolCall.Id";

    public static List<ChatMessage> ToChatMessages(ChatHistory history, string? systemPrompt)
    {
        var messages = new List<ChatMessage>(history.Count + 1);
        if (!string.IsNullOrWhiteSpace(systemPrompt) && !HasSystemMessage(history))
        {
            messages.Add(new ChatMessage(ChatRole.System, systemPrompt));
        }

        foreach (ChatMessageContent message in history)
        {
            messages.Add(ToChatMessage(message));
        }

        return messages;
    }

    public static string FullyQualifiedName(SkFunctionCall call) => FullyQualifiedName(call.FunctionName, call.PluginName);

    /// <summary><c>Plugin-Function</c>, or the function name alone without a plugin.</summary>
    public static string FullyQualifiedName(string functionName, string? pluginName) =>
        string.IsNullOrEmpty(pluginName) ? functionName : pluginName + NameSeparator + functionName;

    /// <summary>Splits a tool name at its first separator into plugin and function (Semantic Kernel names cannot contain one).</summary>
    public static (string FunctionName, string? PluginName) ParseName(string name)
    {
        int separator = name.IndexOf(NameSeparator, StringComparison.Ordinal);
        return separator <= 0 || separator == name.Length - 1 ? (name, null) : (name.Substring(separator + 1), name.Substring(0, separator));
    }

    private static ChatMessage ToChatMessage(ChatMessageContent message)
    {
        ChatRole role = ToChatRole(message.Role);
        var contents = new List<AIContent>(Math.Max(message.Items.Count, 1));
        if (role == ChatRole.Tool)
        {
            AddToolResults(message, contents);
        }
        else
        {
            foreach (KernelContent item in message.Items)
            {
                if (ToContent(item, message.Role) is { } content)
                {
                    contents.Add(content);
                }
            }
        }

        return new ChatMessage(role, contents) { AuthorName = message.AuthorName };
    }

    private static AIContent? ToContent(KernelContent item, AuthorRole role) => item switch
    {
        SkText text => new MeaiText(text.Text),
        SkFunctionCall call => call.Id is null ? null : ToFunctionCall(call),
        SkFunctionResult result => new MeaiFunctionResult(result.CallId ?? string.Empty, ToResultText(result.Result)),
        ImageContent image => ToImage(image),
        ReasoningContent reasoning => new TextReasoningContent(reasoning.Text),
        _ => throw new NotSupportedException($"DeepInfra chat messages cannot carry {item.GetType().Name} in a {role} message; supported are text, images (user), function calls (assistant) and function results (tool)."),
    };

    /// <summary>
    /// A call the model made goes back as it was written (its raw arguments too); one built by the caller is mapped. Characters
    /// a tool name cannot hold become <c>_</c>, as Semantic Kernel's OpenAI connector sanitizes them.
    /// </summary>
    private static MeaiFunctionCall ToFunctionCall(SkFunctionCall call)
    {
        string name = SanitizeToolName(FullyQualifiedName(call));
        return call.InnerContent is MeaiFunctionCall original && original.CallId == call.Id && original.Name == name
            ? original
            : new MeaiFunctionCall(call.Id!, name, call.Arguments);
    }

    /// <summary>The name with every character outside <c>[A-Za-z0-9_-]</c> replaced by <c>_</c>; the same string when there is none.</summary>
    public static string SanitizeToolName(string name)
    {
        char[]? sanitized = null;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-'))
            {
                (sanitized ??= name.ToCharArray())[i] = '_';
            }
        }

        return sanitized is null ? name : new string(sanitized);
    }

    private static AIContent ToImage(ImageContent image)
    {
        string mediaType = image.MimeType ?? "image/*";
        if (image.Data is { IsEmpty: false } data)
        {
            return new DataContent(data, mediaType);
        }

        return image.Uri is { } uri
            ? new UriContent(uri, mediaType)
            : throw new NotSupportedException("An ImageContent in the chat history has neither Data nor a Uri.");
    }

    private static void AddToolResults(ChatMessageContent message, List<AIContent> contents)
    {
        foreach (KernelContent item in message.Items)
        {
            if (item is SkFunctionResult result)
            {
                contents.Add(new MeaiFunctionResult(result.CallId ?? string.Empty, ToResultText(result.Result)));
            }
        }

        if (contents.Count == 0)
        {
            contents.Add(message.Metadata is { } metadata && metadata.TryGetValue(ToolIdMetadataKey, out object? id) && id?.ToString() is { } callId
                ? new MeaiFunctionResult(callId, message.Content ?? string.Empty)
                : throw new NotSupportedException("A tool message in the chat history has no function result (a FunctionResultContent, or a call id under Metadata[\"ChatCompletionsToolCall.Id\"])."));
        }
    }

    /// <summary>The tool message text, as Semantic Kernel's OpenAI connector writes it.</summary>
    public static string ToResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        Exception ex => $"Error: Exception while invoking function. {ex.Message}",
        ImageContent => ImageResultError,
        ChatMessageContent message => message.ToString(),
        IEnumerable<ChatMessageContent> messages => string.Join(",", messages),
        _ => JsonValues.ToToolResultText(result),
    };

    private static ChatRole ToChatRole(AuthorRole role) =>
        role == AuthorRole.Assistant ? ChatRole.Assistant :
        role == AuthorRole.User ? ChatRole.User :
        role == AuthorRole.Tool ? ChatRole.Tool :
        role == AuthorRole.System || role == AuthorRole.Developer ? ChatRole.System :
        new ChatRole(role.Label);

    private static bool HasSystemMessage(ChatHistory history)
    {
        foreach (ChatMessageContent message in history)
        {
            if (message.Role == AuthorRole.System || message.Role == AuthorRole.Developer)
            {
                return true;
            }
        }

        return false;
    }
}
