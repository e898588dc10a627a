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

    /// <summary>DeepInfra's own in-band error frame: <c>{"error_type":…,"error_message":…}</c>.</summary>
    public static string InBand(string errorType, string errorMessage) =>
        Encoding.UTF8.GetString(EmulatorJson.ToUtf8(new WireInBandError { ErrorType = errorType, ErrorMessage = errorMessage }, EmulatorJsonContext.Default.WireInBandError));

    public static string TypeFor(int statusCode) => statusCode switch
    {
        429 => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };
}
