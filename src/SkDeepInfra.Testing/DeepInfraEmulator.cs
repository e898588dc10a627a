using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SkDeepInfra.Testing.Core;
using SkDeepInfra.Testing.Hosting;

namespace SkDeepInfra.Testing;

/// <summary>
/// An offline emulator of DeepInfra's OpenAI-compatible API, usable in-process (<see cref="CreateHandler"/>,
/// <see cref="CreateHttpClient"/>) or over loopback after <see cref="StartAsync"/>; both share one request path.
/// Relative to <see cref="Endpoint"/> it serves <c>POST chat/completions</c>, <c>POST embeddings</c> and
/// <c>GET models</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each request is recorded in <see cref="Requests"/> first, then routed (other paths 404, other methods 405 with
/// <c>Allow</c>, both with FastAPI's <c>{"detail":…}</c>). The model list is public: it lists
/// <see cref="DeepInfraEmulatorOptions.Models"/> priced from <see cref="DeepInfraEmulatorOptions.Prices"/>. Chat and
/// embeddings requests are authenticated when <see cref="DeepInfraEmulatorOptions.ApiKey"/> is set (401), parsed
/// (malformed JSON or a non-object body: 422) and validated when <see cref="DeepInfraEmulatorOptions.ValidateRequests"/>
/// is on (422 with FastAPI's <c>{"detail":[…]}</c>). Refused requests consume no reply.
/// </para>
/// <para>
/// A chat request is answered by the next scripted reply (<see cref="Enqueue"/>), else by <see cref="Responder"/>,
/// else by the default reply: the text <c>"You said: " + </c><see cref="EmulatorRequest.LastUserText"/> (empty when
/// there is no user message). An embeddings or models request never consumes the script: <see cref="Responder"/> may
/// answer it with a raw reply (<see cref="EmulatorReply.Error"/>, <see cref="EmulatorReply.RateLimited"/>,
/// <see cref="EmulatorReply.Html"/>, <see cref="EmulatorReply.Raw"/>, shaping included), a chat-only reply gets a 500
/// naming the mismatch, and <see langword="null"/> leaves the generated answer.
/// </para>
/// <para>
/// Embeddings are deterministic bag-of-words vectors, so texts sharing words are closer: each lowercased word (run of
/// letters and digits) adds ±1 at an index chosen by its 32-bit FNV-1a hash, and the vector is L2-normalized (a text
/// without words gets 1 at index 0). The length is the model's
/// <see cref="EmulatorModel.EmbeddingDimensions"/> (1024 for a model not in
/// <see cref="DeepInfraEmulatorOptions.Models"/>; a listed text generation model gets 400), or <c>dimensions</c> when
/// given: smaller is hashed in that length, larger is padded with zeros. <c>"encoding_format":"base64"</c> sends the
/// little-endian float32 bytes in base64.
/// </para>
/// <para>
/// Usage is a deterministic estimate, one token per started 4 UTF-16 characters: prompt_tokens is the sum over the
/// messages of max(1, ⌈c/4⌉), c being the message's text content plus its tool calls' names and arguments, plus
/// ⌈t/4⌉, t being the length of the raw <c>tools</c> JSON text; completion_tokens is max(1, ⌈c/4⌉), c counting the
/// reply's content, reasoning and tool calls' names and arguments. An embeddings request's prompt_tokens (and
/// total_tokens) is the sum over the inputs of max(1, ⌈c/4⌉). estimated_cost is
/// <see cref="EmulatorModelPrice.EstimateCost"/> with the model's price. A JSON reply always carries usage; a stream
/// carries it when the request asks with <c>stream_options.include_usage</c>.
/// </para>
/// <para>All members are safe to use from concurrent tests and requests.</para>
/// </remarks>
public sealed class DeepInfraEmulator : IAsyncDisposable, IDisposable
{
    private static readonly Uri InProcessEndpoint = new("http://deepinfra.emulator/v1/openai/");
    private readonly ReplyScript script = new();
    private readonly RequestLog log = new();
    private readonly CancellationTokenSource lifetime = new();
    private readonly SemaphoreSlim startGate = new(1, 1);
    private readonly EmulatorCore core;
    private KestrelHost? host;
    private int disposed;

    /// <summary>Initializes a new instance of the <see cref="DeepInfraEmulator"/> class.</summary>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    public DeepInfraEmulator(DeepInfraEmulatorOptions? options = null)
    {
        Options = options ?? new DeepInfraEmulatorOptions();
        core = new EmulatorCore(Options, script, log, lifetime.Token);
    }

    /// <summary>Gets the settings; changes apply to the next request.</summary>
    public DeepInfraEmulatorOptions Options { get; }

    /// <summary>
    /// Gets the base address, ending in <c>/v1/openai/</c>: <c>http://deepinfra.emulator/v1/openai/</c> in-process, or
    /// <c>http://127.0.0.1:{port}/v1/openai/</c> once <see cref="StartAsync"/> has run.
    /// </summary>
    public Uri Endpoint => Volatile.Read(ref host)?.Endpoint ?? InProcessEndpoint;

    /// <summary>
    /// Gets or sets the function consulted for a chat request when the script is empty, and for every accepted
    /// embeddings or models request (which accept only raw replies); a <see langword="null"/> result means the default
    /// reply. If it throws, the request gets a 500 error naming the exception.
    /// </summary>
    public Func<EmulatorRequest, EmulatorReply?>? Responder
    {
        get => script.Responder;
        set => script.Responder = value;
    }

    /// <summary>Gets a snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => log.Snapshot();

    /// <summary>Gets the most recent request, or <see langword="null"/> before the first one.</summary>
    public EmulatorRequest? LastRequest => log.Last;

    /// <summary>Gets the number of scripted replies not yet consumed.</summary>
    public int PendingReplies => script.Count;

    /// <summary>
    /// Creates an in-process handler: no sockets, real streaming (delays observable, cancellation honoured, cuts
    /// surface as <see cref="HttpIOException"/>). Any host name works; the path decides. Dispose it with its client.
    /// </summary>
    /// <returns>A new handler.</returns>
    public HttpMessageHandler CreateHandler() => new InProcessHandler(core);

    /// <summary>Creates an in-process <see cref="HttpClient"/> with <see cref="HttpClient.BaseAddress"/> = <see cref="Endpoint"/>.</summary>
    /// <returns>A new client, owning its handler.</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler(), disposeHandler: true) { BaseAddress = Endpoint };

    /// <summary>Starts a Kestrel server on 127.0.0.1 and an ephemeral port; <see cref="Endpoint"/> then points at it.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes once the server listens.</returns>
    /// <exception cref="InvalidOperationException">The server is already started.</exception>
    /// <exception cref="ObjectDisposedException">The emulator is disposed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (host is not null)
            {
                throw new InvalidOperationException("The emulator's loopback server is already started.");
            }

            Volatile.Write(ref host, await KestrelHost.StartAsync(core, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            startGate.Release();
        }
    }

    /// <summary>
    /// Appends replies to the script; each accepted chat request consumes the oldest one. Embeddings and models requests
    /// never consume the script (answer them through <see cref="Responder"/>).
    /// </summary>
    /// <param name="replies">The replies, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="replies"/> or one of its items is null.</exception>
    public void Enqueue(params EmulatorReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (EmulatorReply reply in replies)
        {
            ArgumentNullException.ThrowIfNull(reply, nameof(replies));
        }

        script.Enqueue(replies);
    }

    /// <summary>Forgets the recorded requests and the unconsumed scripted replies; keeps the responder and options.</summary>
    public void Reset()
    {
        script.Clear();
        log.Clear();
    }

    /// <summary>Stops the loopback server, if started, and ends streams still in flight.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await lifetime.CancelAsync().ConfigureAwait(false);
        if (host is not null)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }

        lifetime.Dispose();
        startGate.Dispose();
    }

    /// <summary>Stops the loopback server, if started, and ends streams still in flight; blocks until done.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
