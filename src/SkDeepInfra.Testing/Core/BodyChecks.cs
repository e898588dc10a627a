using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkDeepInfra.Testing.Validation;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Core;

/// <summary>
/// Finds why a POST body is refused with 422: malformed JSON or a non-object body always; the endpoint's own rules
/// when a validator is given (that is, when <see cref="DeepInfraEmulatorOptions.ValidateRequests"/> is on).
/// </summary>
internal static class BodyChecks
{
    public static IReadOnlyList<WireValidationIssue> Find(EmulatorRequest request, Func<EmulatorRequest, IReadOnlyList<WireValidationIssue>>? validate)
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

        return validate is null ? issues.Items : validate(request);
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
}
