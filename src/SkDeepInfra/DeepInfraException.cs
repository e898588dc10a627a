using System;
using System.Net;
using Microsoft.SemanticKernel;

namespace SkDeepInfra;

/// <summary>
/// The one error DeepInfra calls end in: an error status, a body that is not a valid reply, an error frame inside a
/// stream, a stream cut before its end, or a connection that could not be made after all retries.
/// </summary>
/// <remarks>
/// <see cref="HttpOperationException.StatusCode"/> is <see langword="null"/> when no response was received.
/// <see cref="HttpOperationException.ResponseContent"/> holds the response body as received (the API key is never
/// in it, but a body can echo the prompt or other data you sent; treat it as sensitive before logging it).
/// Cancellation is never wrapped: it surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class DeepInfraException : HttpOperationException
{
    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">What went wrong.</param>
    public DeepInfraException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public DeepInfraException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a response.</summary>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no response was received.</param>
    /// <param name="providerMessage">The error text DeepInfra sent, when it could be read.</param>
    /// <param name="responseContent">The response body as received.</param>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public DeepInfraException(HttpStatusCode? statusCode, string? providerMessage, string? responseContent, string message, Exception? innerException = null)
        : base(statusCode, responseContent, message, innerException)
    {
        ProviderMessage = providerMessage;
    }

    /// <summary>Creates an exception with no details.</summary>
    public DeepInfraException()
    {
    }

    /// <summary>The error message DeepInfra sent (from <c>error</c>, <c>error.message</c> or <c>detail</c>), if any.</summary>
    public string? ProviderMessage { get; }
}
