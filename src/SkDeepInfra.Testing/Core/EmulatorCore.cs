using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkDeepInfra.Testing.Hosting;
using SkDeepInfra.Testing.Replies;
using SkDeepInfra.Testing.Validation;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Core;

/// <summary>
/// The one request-handling path shared by the in-process handler and the loopback server: record, route,
/// authenticate, parse, validate, pick a reply and write it. Routes: chat completions and embeddings (POST, behind
/// the API key) and the model list (GET, public).
/// </summary>
internal sealed class EmulatorCore(DeepInfraEmulatorOptions options, ReplyScript script, RequestLog log, CancellationToken lifetime)
{
    public const string ChatPath = "/v1/openai/chat/completions";
    public const string EmbeddingsPath = "/v1/openai/embeddings";
    public const string ModelsPath = "/v1/openai/models";

    public async Task HandleAsync(IncomingRequest incoming, IResponseChannel channel)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(channel.Aborted, lifetime);
        CancellationToken cancellationToken = linked.Token;
        EmulatorRequest request = incoming.ToRecord();
        log.Add(request);

        string path = incoming.Path.TrimEnd('/');
        string? allowedMethod = path switch
        {
            ChatPath or EmbeddingsPath => "POST",
            ModelsPath => "GET",
            _ => null,
        };
        if (allowedMethod is null)
        {
            await WriteDetailAsync(channel, 404, "Not Found", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(incoming.Method, allowedMethod, StringComparison.OrdinalIgnoreCase))
        {
            channel.SetHeader("Allow", allowedMethod);
            await WriteDetailAsync(channel, 405, "Method Not Allowed", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (path == ModelsPath)
        {
            await AnswerAsync(request, channel, () => (200, ModelListFactory.Build(options)), cancellationToken).ConfigureAwait(false);
            return;
        }

        bool chat = path == ChatPath;
        Func<EmulatorRequest, IReadOnlyList<WireValidationIssue>> validate = chat ? RequestValidator.Validate : EmbeddingsValidator.Validate;
        if (await RefuseAsync(incoming, request, channel, validate, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (chat)
        {
            EmulatorPersona? persona = options.PersonaFor(request.Model);
            if (persona is { NativeToolCalling: false } && request.Tools.Count > 0)
            {
                // Refused before generation, like a validation error: the scripted reply waits for the next request.
                byte[] body = Encoding.UTF8.GetBytes(ErrorBodies.For(400, $"Tool calling is not supported for model {request.Model}"));
                await BodyWriter.WriteAsync(channel, 400, "application/json", [], body, cut: false, cancellationToken).ConfigureAwait(false);
                return;
            }

            EmulatorReply reply = script.NextForChat(request);
            await ReplyWriter.WriteAsync(channel, persona is null ? reply : PersonaReplies.Apply(reply, persona), request, options, cancellationToken).ConfigureAwait(false);
            return;
        }

        await AnswerAsync(request, channel, () => EmbeddingFactory.Answer(request, options), cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteDetailAsync(IResponseChannel channel, int statusCode, string detail, CancellationToken cancellationToken) =>
        BodyWriter.WriteJsonAsync(channel, statusCode, new WireDetail { Detail = detail }, EmulatorJsonContext.Default.WireDetail, cancellationToken);

    /// <summary>Writes 401 or 422 and returns true when the request is refused; refused requests consume no reply.</summary>
    private async Task<bool> RefuseAsync(
        IncomingRequest incoming,
        EmulatorRequest request,
        IResponseChannel channel,
        Func<EmulatorRequest, IReadOnlyList<WireValidationIssue>> validate,
        CancellationToken cancellationToken)
    {
        if (Authenticate(incoming) is { } authError)
        {
            byte[] body = Encoding.UTF8.GetBytes(ErrorBodies.For(401, authError));
            await BodyWriter.WriteAsync(channel, 401, "application/json", [], body, cut: false, cancellationToken).ConfigureAwait(false);
            return true;
        }

        IReadOnlyList<WireValidationIssue> issues = BodyChecks.Find(request, options.ValidateRequests ? validate : null);
        if (issues.Count == 0)
        {
            return false;
        }

        var failure = new WireValidationFailure { Detail = issues };
        await BodyWriter.WriteJsonAsync(channel, 422, failure, EmulatorJsonContext.Default.WireValidationFailure, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Answers a non-chat request: the responder's raw reply verbatim, a 500 for a chat-only reply, or, when the
    /// responder leaves it, the generated body.
    /// </summary>
    private async Task AnswerAsync(
        EmulatorRequest request,
        IResponseChannel channel,
        Func<(int StatusCode, byte[] Body)> generate,
        CancellationToken cancellationToken)
    {
        EmulatorReply? reply = script.Respond(request);
        if (reply is null)
        {
            (int statusCode, byte[] body) = generate();
            await BodyWriter.WriteAsync(channel, statusCode, "application/json", [], body, cut: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!reply.IsRaw)
        {
            string message = $"The emulator's responder returned a chat completion reply for {request.Method} {request.Path}; "
                + "only Error, RateLimited, Html and Raw replies fit this endpoint.";
            reply = EmulatorReply.Error(500, ErrorBodies.For(500, message));
        }

        await ReplyWriter.WriteAsync(channel, reply, request, options, cancellationToken).ConfigureAwait(false);
    }

    private string? Authenticate(IncomingRequest incoming)
    {
        if (options.ApiKey is not { } key)
        {
            return null;
        }

        string? header = incoming.Header("Authorization");
        if (string.IsNullOrWhiteSpace(header))
        {
            return "Not authenticated";
        }

        bool bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        return bearer && string.Equals(header[7..].Trim(), key, StringComparison.Ordinal) ? null : "Invalid API key";
    }
}
