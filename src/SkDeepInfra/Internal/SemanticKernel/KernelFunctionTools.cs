using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkFunctionCall = Microsoft.SemanticKernel.FunctionCallContent;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>
/// What <see cref="FunctionChoiceBehavior"/> asks of one request of the loop: the kernel functions offered (as tool
/// declarations built once per function and cached), the tool mode, and whether calls are invoked. Auto-invocation stops
/// after <see cref="MaximumAutoInvokeAttempts"/> requests, without a kernel, or when too many invocations are in flight.
/// </summary>
internal sealed class KernelFunctionTools
{
    /// <summary>Semantic Kernel's limit on auto-invoking requests per call.</summary>
    public const int MaximumAutoInvokeAttempts = 128;

    /// <summary>Semantic Kernel's limit on nested auto-invocations in one flow (a function that calls the model that calls it).</summary>
    private const int MaximumInflightAutoInvokes = 128;

    /// <summary>Schemas are built once per kernel function; a function collected with its kernel drops its entry.</summary>
    private static readonly ConditionalWeakTable<KernelFunction, AIFunctionDeclaration> s_declarations = new();

    private static readonly JsonElement s_noParameters = JsonElement.Parse("""{"type":"object","required":[],"properties":{}}""");

    private KernelFunctionTools(List<AITool>? tools, ChatToolMode? mode, bool autoInvoke, FunctionChoiceBehaviorOptions options)
    {
        Tools = tools;
        Mode = mode;
        AutoInvoke = autoInvoke;
        Options = options;
    }

    public List<AITool>? Tools { get; }

    public ChatToolMode? Mode { get; }

    public bool AutoInvoke { get; }

    public FunctionChoiceBehaviorOptions Options { get; }

    /// <summary>The configuration of request <paramref name="requestIndex"/>, or <see langword="null"/> without a behavior (no tools, calls returned).</summary>
    public static KernelFunctionTools? Configure(FunctionChoiceBehavior? behavior, ChatHistory history, int requestIndex, Kernel? kernel, ILogger logger)
    {
        if (behavior is null)
        {
            return null;
        }

        FunctionChoiceBehaviorConfiguration configuration = behavior.GetConfiguration(
            new FunctionChoiceBehaviorConfigurationContext(history) { Kernel = kernel, RequestSequenceIndex = requestIndex });
        bool autoInvoke = kernel is not null && configuration.AutoInvoke;
        if (autoInvoke && (requestIndex >= MaximumAutoInvokeAttempts || KernelFunctionCallsProcessor.InflightAutoInvokes >= MaximumInflightAutoInvokes))
        {
            autoInvoke = false;
            FunctionCallingLog.AutoInvokeLimitReached(logger, requestIndex, MaximumAutoInvokeAttempts);
        }

        List<AITool>? tools = null;
        ChatToolMode? mode = null;
        if (configuration.Functions is { Count: > 0 } functions)
        {
            tools = new List<AITool>(functions.Count);
            foreach (KernelFunction function in functions)
            {
                tools.Add(s_declarations.GetValue(function, static f => CreateDeclaration(f)));
            }

            mode = configuration.Choice == FunctionChoice.Auto ? ChatToolMode.Auto
                : configuration.Choice == FunctionChoice.Required ? ChatToolMode.RequireAny
                : configuration.Choice == FunctionChoice.None ? ChatToolMode.None
                : throw new NotSupportedException($"Unsupported function choice '{configuration.Choice}'.");
        }

        return new KernelFunctionTools(tools, mode, autoInvoke, configuration.Options ?? new FunctionChoiceBehaviorOptions());
    }

    /// <summary>Whether <paramref name="call"/> names a function this request offered.</summary>
    public bool IsAdvertised(SkFunctionCall call)
    {
        if (Tools is null)
        {
            return false;
        }

        string name = ChatHistoryMapper.FullyQualifiedName(call);
        foreach (AITool tool in Tools)
        {
            if (string.Equals(tool.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The options of this request: the call's options, with this request's tools.</summary>
    public ChatOptions Apply(ChatOptions options)
    {
        if (Tools is null)
        {
            return options;
        }

        ChatOptions copy = options.Clone();
        copy.Tools = Tools;
        copy.ToolMode = Mode;
        copy.AllowMultipleToolCalls = Options.AllowParallelCalls;
        return copy;
    }

    /// <summary>The declaration Semantic Kernel's OpenAI connector sends: <c>Plugin-Function</c>, the description, and an object schema of the parameters.</summary>
    private static AIFunctionDeclaration CreateDeclaration(KernelFunction function)
    {
        KernelFunctionMetadata metadata = function.Metadata;
        string name = ChatHistoryMapper.FullyQualifiedName(metadata.Name, metadata.PluginName);
        return AIFunctionFactory.CreateDeclaration(name, metadata.Description, metadata.Parameters.Count == 0 ? s_noParameters : ParametersSchema(metadata.Parameters));
    }

    private static JsonElement ParametersSchema(IReadOnlyList<KernelParameterMetadata> parameters)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteStartArray("required");
            foreach (KernelParameterMetadata parameter in parameters)
            {
                if (parameter.IsRequired)
                {
                    writer.WriteStringValue(parameter.Name);
                }
            }

            writer.WriteEndArray();
            writer.WriteStartObject("properties");
            foreach (KernelParameterMetadata parameter in parameters)
            {
                writer.WritePropertyName(parameter.Name);
                if (parameter.Schema is { } schema)
                {
                    schema.RootElement.WriteTo(writer);
                }
                else
                {
                    // A parameter without a type is a string, as in Semantic Kernel.
                    writer.WriteStartObject();
                    writer.WriteString("type", "string");
                    if (!string.IsNullOrEmpty(parameter.Description))
                    {
                        writer.WriteString("description", parameter.Description);
                    }

                    writer.WriteEndObject();
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }
}
