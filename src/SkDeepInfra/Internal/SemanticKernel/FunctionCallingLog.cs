using System;
using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>Source-generated log messages of the Semantic Kernel function-calling loop. Arguments and results are never logged.</summary>
internal static partial class FunctionCallingLog
{
    [LoggerMessage(20, LogLevel.Debug, "Function call {CallId} to {FunctionName} was not invoked: {Error}")]
    public static partial void CallRejected(ILogger logger, string? callId, string functionName, string error);

    [LoggerMessage(21, LogLevel.Debug, "Function {FunctionName} (call {CallId}) failed; the model is told so.")]
    public static partial void FunctionFailed(ILogger logger, Exception exception, string functionName, string? callId);

    [LoggerMessage(22, LogLevel.Debug, "An auto function invocation filter terminated the loop after {FunctionName} (request {RequestIndex}).")]
    public static partial void Terminated(ILogger logger, string functionName, int requestIndex);

    [LoggerMessage(23, LogLevel.Debug, "Auto-invocation is off for request {RequestIndex}: the limit of {Limit} auto-invoking requests or nested invocations is reached.")]
    public static partial void AutoInvokeLimitReached(ILogger logger, int requestIndex, int limit);
}
