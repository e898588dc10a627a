using System.Text;
using System.Threading.Channels;

namespace SkDeepInfra.TestSupport;

/// <summary>
/// A response body the test writes piece by piece while the client reads it, to observe what the client yields
/// before the rest has arrived. Reads honour cancellation; <see cref="Fail"/> makes the next read throw like a cut connection.
/// </summary>
public sealed class ScriptedStream : Stream
{
    private readonly Channel<byte[]> _pieces = Channel.CreateUnbounded<byte[]>();
    private byte[] _current = [];
    private int _offset;
    private Exception? _failure;

    public bool Disposed { get; private set; }

    public void Write(string text) => _pieces.Writer.TryWrite(Encoding.UTF8.GetBytes(text));

    public void End() => _pieces.Writer.TryComplete();

    public void Fail(Exception exception)
    {
        _failure = exception;
        _pieces.Writer.TryComplete();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset >= _current.Length)
        {
            if (!await _pieces.Reader.WaitToReadAsync(cancellationToken))
            {
                return _failure is null ? 0 : throw _failure;
            }

            _pieces.Reader.TryRead(out byte[]? next);
            _current = next ?? [];
            _offset = 0;
        }

        int count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
