using System;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SkDeepInfra.Testing.Hosting;

/// <summary>
/// An <see cref="IResponseChannel"/> that builds an <see cref="HttpResponseMessage"/> whose content streams from a
/// pipe. The message is handed to the client when the response starts; body writes follow as they are flushed.
/// </summary>
internal sealed class InProcessChannel : IResponseChannel, IDisposable
{
    private readonly Pipe pipe = new();
    private readonly CancellationTokenSource aborted;
    private readonly HttpResponseMessage response;
    private readonly TaskCompletionSource<HttpResponseMessage> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int finished;

    public InProcessChannel(HttpRequestMessage request, CancellationToken requestAborted)
    {
        aborted = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StreamContent(new PipeResponseStream(pipe.Reader, this)),
        };
    }

    public CancellationToken Aborted => aborted.Token;

    /// <summary>Gets the response, once the core has started it.</summary>
    public Task<HttpResponseMessage> Response => started.Task;

    public bool WasCut { get; private set; }

    public void SetStatus(int statusCode) => response.StatusCode = (HttpStatusCode)statusCode;

    public void SetHeader(string name, string value)
    {
        if (!response.Headers.TryAddWithoutValidation(name, value))
        {
            response.Content.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        started.TrySetResult(response);
        return Task.CompletedTask;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        started.TrySetResult(response);
        FlushResult result = await pipe.Writer.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            OnClientGone();
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("The client disposed the response.", cancellationToken);
        }
    }

    public Task AbortAsync()
    {
        Cut();
        return Task.CompletedTask;
    }

    /// <summary>Ends the response after the core returned, failed or was cancelled.</summary>
    public void Complete(Exception? failure)
    {
        if (WasCut)
        {
            return;
        }

        if (failure is OperationCanceledException)
        {
            started.TrySetCanceled();
        }
        else if (failure is not null)
        {
            Cut();
            return;
        }

        started.TrySetResult(response);
        pipe.Writer.Complete();
    }

    public void OnClientGone()
    {
        if (Volatile.Read(ref finished) == 0)
        {
            try
            {
                aborted.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The core finished meanwhile; nothing is left to cancel.
            }
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref finished, 1);
        aborted.Dispose();
    }

    private void Cut()
    {
        WasCut = true;
        started.TrySetException(new HttpRequestException(
            HttpRequestError.ResponseEnded,
            "An error occurred while sending the request: the emulator cut the connection.",
            new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.")));
        pipe.Writer.Complete();
    }
}
