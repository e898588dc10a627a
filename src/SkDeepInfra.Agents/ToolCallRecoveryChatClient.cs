using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// Turns a reply that is, as a whole, tool calls written as text into real tool calls, in the format of any model family
/// DeepInfra serves: Llama 3.1/3.3 JSON (<c>&lt;|python_tag|&gt;{"name": …, "parameters": {…}}</c>, bare or several separated
/// by <c>;</c>) and <c>&lt;function=name&gt;{…}&lt;/function&gt;</c>; Llama 3.2/4 and Gemma pythonic
/// <c>[get_weather(city="Paris")]</c>; Hermes/Qwen <c>&lt;tool_call&gt;{…}&lt;/tool_call&gt;</c>; Mistral
/// <c>[TOOL_CALLS][{…}]</c> and <c>[TOOL_CALLS]name[ARGS]{…}</c>; DeepSeek's <c>&lt;｜tool▁calls▁begin｜&gt;</c> tokens; a JSON
/// array of calls; a call in a <c>```json</c> fence. Place it below the tool loop (for example <see cref="ToolLoopChatClient"/>
/// or <c>FunctionInvokingChatClient</c>) so the recovered calls are invoked.
/// </summary>
/// <remarks>
/// <para>Only when the request offered tools (and its <c>ToolMode</c> is not <c>None</c>), only names of offered tools,
/// and only when the whole text is calls: prose that merely contains or quotes a call stays prose, a cut-off call stays
/// text, and a reply that already has real tool calls is left alone. Recovered calls get fresh ids and
/// <see cref="AgentRunPropertyNames.RecoveredFromText"/> in their <c>AdditionalProperties</c>; the finish reason becomes
/// <c>ToolCalls</c>.</para>
/// <para>Streaming: updates pass through unchanged unless the text starts the way one of these formats starts, in which
/// case they are held until the reply ends and then released as they were or with the recovered calls.</para>
/// </remarks>
public sealed class ToolCallRecoveryChatClient : DelegatingChatClient
{
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ToolCallRecoveryChatClient"/> class.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="loggerFactory">Logs each recovery at Information (names only, never arguments).</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    public ToolCallRecoveryChatClient(IChatClient innerClient, ILoggerFactory? loggerFactory = null)
        : base(innerClient)
    {
        _logger = (ILogger?)loggerFactory?.CreateLogger<ToolCallRecoveryChatClient>() ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        if (OffersFunctions(options))
        {
            Recover(response, options!.Tools!, _logger);
        }

        return response;
    }

    /// <summary>Replaces the reply's text with the calls it consists of, if it does.</summary>
    /// <param name="response">The model's response.</param>
    /// <param name="tools">The request's tools; the names of its functions are the calls that may be recovered.</param>
    /// <param name="logger">Logs the recovered calls.</param>
    internal static void Recover(ChatResponse response, IList<AITool> tools, ILogger logger)
    {
        if (response.Messages.LastOrDefault(m => m.Role == ChatRole.Assistant) is { } reply
            && !reply.Contents.Any(c => c is FunctionCallContent)
            && reply.Text is { Length: > 0 } text
            && TextToolCallParser.TryParse(text, FunctionNames(tools)) is { } calls)
        {
            reply.Contents = [.. reply.Contents.Where(c => c is not TextContent), .. calls];
            response.FinishReason = ChatFinishReason.ToolCalls;
            Log.ToolCallsRecovered(logger, calls.Count, string.Join(", ", calls.Select(c => c.Name)));
        }
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IAsyncEnumerable<ChatResponseUpdate> updates = base.GetStreamingResponseAsync(messages, options, cancellationToken);
        return OffersFunctions(options) ? StreamingToolCallRecovery.RecoverAsync(updates, options!.Tools!, _logger, cancellationToken) : updates;
    }

    /// <summary>Whether the request offers functions the model may call (and does not forbid calls).</summary>
    internal static bool OffersFunctions(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools || options.ToolMode is NoneChatToolMode)
        {
            return false;
        }

        foreach (AITool tool in tools)
        {
            if (tool is AIFunctionDeclaration)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of the functions among <paramref name="tools"/>.</summary>
    internal static HashSet<string> FunctionNames(IList<AITool> tools)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (AITool tool in tools)
        {
            if (tool is AIFunctionDeclaration function)
            {
                names.Add(function.Name);
            }
        }

        return names;
    }
}
