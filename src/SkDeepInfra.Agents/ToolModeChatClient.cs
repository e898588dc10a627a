using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// Lets models without native tool calling use tools. In <see cref="DeepInfraToolMode.Prompted"/> mode a request that
/// offers tools goes without <c>tools</c>: the tools are described in the system message in the model family's
/// tool-prompt format (<see cref="DeepInfraModelFamily.ToolCallFormat"/>), and the tool loop so far is written as text.
/// In <see cref="DeepInfraToolMode.Auto"/> mode (the default) requests go native first; after DeepInfra's "Tool calling
/// is not supported for model …" error, or when the family profile says the model has no tool calling, that model is
/// prompted from then on, and the calls the model writes in its reply become real ones (as
/// <see cref="ToolCallRecoveryChatClient"/> recovers them). Place it below the tool loop, directly above the client that
/// talks to the model.
/// </summary>
/// <remarks>The family comes from the inner client's <see cref="DeepInfraModelFamilies"/> (a <c>DeepInfraChatClient</c>
/// offers its table), else <see cref="DeepInfraModelFamilies.Unknown"/>. In <see cref="DeepInfraToolMode.Native"/> mode, and
/// for requests without tools, everything passes through unchanged.</remarks>
public sealed class ToolModeChatClient : DelegatingChatClient
{
    private const string NotSupported = "Tool calling is not supported";
    private readonly ConcurrentDictionary<string, bool> _promptedModels = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ToolModeChatClient"/> class.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="mode">How tools reach the model.</param>
    /// <param name="loggerFactory">Logs each switch of a model to the prompted mode.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    public ToolModeChatClient(IChatClient innerClient, DeepInfraToolMode mode = DeepInfraToolMode.Auto, ILoggerFactory? loggerFactory = null)
        : base(innerClient)
    {
        Mode = mode is >= DeepInfraToolMode.Auto and <= DeepInfraToolMode.Prompted
            ? mode
            : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Use Auto, Native or Prompted.");
        _logger = (ILogger?)loggerFactory?.CreateLogger<ToolModeChatClient>() ?? NullLogger.Instance;
    }

    /// <summary>Gets how tools reach the model.</summary>
    public DeepInfraToolMode Mode { get; }

    /// <summary>Whether requests for <paramref name="modelId"/> that offer tools go prompted.</summary>
    /// <param name="modelId">A model id.</param>
    /// <returns><see langword="true"/> in <see cref="DeepInfraToolMode.Prompted"/> mode, and in <see cref="DeepInfraToolMode.Auto"/> mode once the model turned out to have no tool calling.</returns>
    public bool IsPrompted(string modelId) =>
        Mode == DeepInfraToolMode.Prompted || (Mode == DeepInfraToolMode.Auto && (_promptedModels.ContainsKey(modelId) || !FamilyOf(modelId).NativeToolCalling));

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!OffersTools(options) || Mode == DeepInfraToolMode.Native)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        string model = ModelOf(options);
        if (IsPrompted(model))
        {
            return await PromptedAsync(messages, options!, model, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (DeepInfraException exception) when (Mode == DeepInfraToolMode.Auto && IsToolsNotSupported(exception))
        {
            Remember(model);
            return await PromptedAsync(messages, options!, model, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        bool managed = OffersTools(options) && Mode != DeepInfraToolMode.Native;
        string model = managed ? ModelOf(options) : string.Empty;
        IAsyncEnumerator<ChatResponseUpdate> updates = Stream(messages, options, model, managed && IsPrompted(model), cancellationToken);
        bool more;
        try
        {
            more = await updates.MoveNextAsync().ConfigureAwait(false);
        }
        catch (DeepInfraException exception) when (managed && Mode == DeepInfraToolMode.Auto && !IsPrompted(model) && IsToolsNotSupported(exception))
        {
            // The refusal comes before any update: nothing was yielded, so the prompted request replaces it.
            await updates.DisposeAsync().ConfigureAwait(false);
            Remember(model);
            updates = Stream(messages, options, model, prompted: true, cancellationToken);
            more = await updates.MoveNextAsync().ConfigureAwait(false);
        }

        try
        {
            while (more)
            {
                yield return updates.Current;
                more = await updates.MoveNextAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool OffersTools(ChatOptions? options) => ToolCallRecoveryChatClient.OffersFunctions(options);

#pragma warning disable CA2249 // string.Contains(string, StringComparison) is not in netstandard2.0
    private static bool IsToolsNotSupported(DeepInfraException exception) =>
        (exception.ProviderMessage ?? exception.Message).IndexOf(NotSupported, StringComparison.OrdinalIgnoreCase) >= 0;
#pragma warning restore CA2249

    private IAsyncEnumerator<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool prompted, CancellationToken cancellationToken)
    {
        if (!prompted)
        {
            return base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        (List<ChatMessage> rewritten, ChatOptions promptedOptions) = PromptedTools.Rewrite(messages, options!, FamilyOf(model).ToolCallFormat);
        IAsyncEnumerable<ChatResponseUpdate> updates = base.GetStreamingResponseAsync(rewritten, promptedOptions, cancellationToken);
        return StreamingToolCallRecovery.RecoverAsync(updates, options!.Tools!, _logger, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>The prompted request; the calls written in its reply become real ones.</summary>
    private async Task<ChatResponse> PromptedAsync(IEnumerable<ChatMessage> messages, ChatOptions options, string model, CancellationToken cancellationToken)
    {
        (List<ChatMessage> rewritten, ChatOptions prompted) = PromptedTools.Rewrite(messages, options, FamilyOf(model).ToolCallFormat);
        ChatResponse response = await base.GetResponseAsync(rewritten, prompted, cancellationToken).ConfigureAwait(false);
        ToolCallRecoveryChatClient.Recover(response, options.Tools!, _logger);
        return response;
    }

    private void Remember(string model)
    {
        if (_promptedModels.TryAdd(model, true))
        {
            Log.ToolsPrompted(_logger, model);
        }
    }

    private string ModelOf(ChatOptions? options) =>
        options?.ModelId ?? InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId ?? string.Empty;

    private DeepInfraModelFamily FamilyOf(string model) =>
        InnerClient.GetService<DeepInfraModelFamilies>()?.Find(model) ?? DeepInfraModelFamilies.Unknown;
}
