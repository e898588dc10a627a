using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>
/// Maps <see cref="ChatOptions.Tools"/> and <see cref="ChatOptions.ToolMode"/>. The endpoint takes no named
/// <c>tool_choice</c>, so <c>RequireSpecific(name)</c> lists only that tool and sends <c>"required"</c>.
/// </summary>
internal static class ToolMapper
{
    public static void Apply(ChatOptions options, ChatCompletionRequest request)
    {
        if (options.Tools is not { Count: > 0 } tools)
        {
            return;
        }

        string? requiredName = (options.ToolMode as RequiredChatToolMode)?.RequiredFunctionName;
        var wireTools = new List<WireTool>(tools.Count);
        foreach (AITool tool in tools)
        {
            if (tool is not AIFunctionDeclaration function)
            {
                throw new NotSupportedException($"DeepInfra accepts only function tools; '{tool.Name}' is a {tool.GetType().Name}.");
            }

            if (requiredName is null || string.Equals(function.Name, requiredName, StringComparison.Ordinal))
            {
                wireTools.Add(ToWireTool(function));
            }
        }

        if (requiredName is not null && wireTools.Count == 0)
        {
            throw new ArgumentException($"ToolMode requires the function '{requiredName}', but ChatOptions.Tools has no function of that name.", nameof(options));
        }

        request.Tools = wireTools;
        request.ToolChoice = options.ToolMode switch
        {
            NoneChatToolMode => "none",
            AutoChatToolMode => "auto",
            RequiredChatToolMode => "required",
            _ => null,
        };
        request.ParallelToolCalls = options.AllowMultipleToolCalls;
    }

    private static WireTool ToWireTool(AIFunctionDeclaration function) => new()
    {
        Function = new WireFunctionDefinition
        {
            Name = function.Name,
            Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
            Parameters = function.JsonSchema.ValueKind == JsonValueKind.Undefined ? null : function.JsonSchema,
        },
    };
}
