using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Builds DeepInfra's OpenAI-compatible error bodies (escaping only what JSON requires, so <c>'</c> stays as is).</summary>
internal static class ErrorBodies
{
    public static string For(int statusCode, string? message = null)
    {
        string text = message ?? ReasonPhrases.GetReasonPhrase(statusCode);
        var envelope = new WireErrorEnvelope
        {
            Error = new WireError { Message = text.Length == 0 ? "Error" : text, Type = TypeFor(statusCode) },
        };
        return Encoding.UTF8.GetString(EmulatorJson.ToUtf8(envelope, EmulatorJsonContext.Default.WireErrorEnvelope));
    }

    public static string TypeFor(int statusCode) => statusCode switch
    {
        429 => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };
}
