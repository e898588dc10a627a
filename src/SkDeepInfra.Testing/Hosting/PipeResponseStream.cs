using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SkDeepInfra.Testing.Hosting;

/// <summary>
/// The in-process response body: reads what the core writes into a pipe, as it is flushed. When the core cut the
/// connection, the bytes sent so far are delivered and the next read throws, as SocketsHttpHandler does. Disposing
/// tells the channel the client went away.
/// </summary>
internal sealed class PipeResponseStream(PipeReader reader, InProcessChannel channel) : Stream
{
    private bool disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> data = result.Buffer;
            if (!data.IsEmpty)
            {
                int count = (int)Math.Min(data.Length, buffer.Length);
                data.Slice(0, count).CopyTo(buffer.Span);
                reader.AdvanceTo(data.GetPosition(count));
                return count;
            }

            reader.AdvanceTo(data.End);
            if (result.IsCompleted)
            {
                return channel.WasCut
                    ? throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely: the emulator cut the connection.")
                    : 0;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            reader.Complete();
            channel.OnClientGone();
        }

        base.Dispose(disposing);
    }
}
