using System;
using System.Threading;
using System.Threading.Tasks;

namespace SkDeepInfra.Testing.Hosting;

/// <summary>
/// Where the emulator's one request-handling core writes a response, whether to an in-process pipe or to Kestrel.
/// Status and headers are set first, committed by <see cref="StartAsync"/> (or the first write), then body bytes
/// follow, each write flushed.
/// </summary>
internal interface IResponseChannel
{
    /// <summary>Gets a token cancelled when the client goes away.</summary>
    CancellationToken Aborted { get; }

    void SetStatus(int statusCode);

    /// <summary>Sets a response or content header; <c>Content-Type</c> and <c>Content-Length</c> included.</summary>
    void SetHeader(string name, string value);

    /// <summary>Commits status and headers, so the client sees the response start.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Writes and flushes body bytes.</summary>
    Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Cuts the connection after the bytes written so far: the client sees the response end prematurely.</summary>
    Task AbortAsync();
}
