using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SkDeepInfra.Testing.Hosting;
using SkDeepInfra.Testing.Replies;
using SkDeepInfra.Testing.Validation;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Core;

/// <summary>
/// The one request-handling path shared by the in-process handler and the loopback server: record, route,
/// authenticate, parse, validate, pick a reply and write it.
/// </summary>
internal sealed class EmulatorCore(DeepInfraEmulatorOptions options, ReplyScript script, RequestLog log, CancellationToken lifetime)
{
    public const string ChatPath = "/v1/openai/chat/completions";

    public async Task HandleAsync(IncomingRequest incoming, IResponseChannel channel)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(channel.Aborted, lifetime);
        CancellationToken cancellationToken = linked.Token;
        EmulatorRequest request = incoming.ToRecord();
        log.Add(request);

        if (!string.Equals(incoming.Path.TrimEnd('/'), ChatPath, StringComparison.Ordinal))
        {
            await WriteDetailAsync(channel, 404, "Not Found", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(incoming.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            channel.SetHeader("Allow", "POST");
            await WriteDetailAsync(channel, 405, "Method Not Allowed", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Authenticate(incoming) is { } authError)
        {
            byte[] body = Encoding.UTF8.GetBytes(ErrorBodies.For(401, authError));
            await BodyWriter.WriteAsync(channel, 401, "application/json", [], body, cut: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<WireValidationIssue> issues = Check(request);
        if (issues.Count > 0)
        {
            var failure = new WireValidationFailure { Detail = issues };
            await BodyWriter.WriteJsonAsync(channel, 422, failure, EmulatorJsonContext.Default.WireValidationFailure, cancellationToken).ConfigureAwait(false);
            return;
        }

        EmulatorReply reply;
        try
        {
            reply = script.Next(request);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            reply = EmulatorReply.Error(500, ErrorBodies.For(500, $"The emulator's responder threw {exception.GetType().Name}: {exception.Message}"));
        }

        await ReplyWriter.WriteAsync(channel, reply, request, options, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteDetailAsync(IResponseChannel channel, int statusCode, string detail, CancellationToken cancellationToken) =>
        BodyWriter.WriteJsonAsync(channel, statusCode, new WireDetail { Detail = detail }, EmulatorJsonContext.Default.WireDetail, cancellationToken);

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

    /// <summary>The error's position as a character offset into the body, as FastAPI reports it.</summary>
    private static int ErrorOffset(string body, JsonException error)
    {
        int offset = 0;
        for (long line = error.LineNumber ?? 0; line > 0 && offset < body.Length; line--)
        {
            int newline = body.IndexOf('\n', offset);
            offset = newline < 0 ? body.Length : newline + 1;
        }

        return (int)Math.Min(offset + (error.BytePositionInLine ?? 0), body.Length);
    }

    private IReadOnlyList<WireValidationIssue> Check(EmulatorRequest request)
    {
        var issues = new IssueList();
        if (request.ParseError is { } error)
        {
            var context = new JsonObject { ["error"] = error.Message };
            issues.Add("json_invalid", "JSON decode error", null, context, ErrorOffset(request.Body, error));
            return issues.Items;
        }

        if (request.Json.ValueKind != JsonValueKind.Object)
        {
            string message = "Input should be a valid dictionary or object to extract fields from";
            issues.Add("model_attributes_type", message, request.Json, null);
            return issues.Items;
        }

        return options.ValidateRequests ? RequestValidator.Validate(request) : issues.Items;
    }
}
