namespace SkDeepInfra.Reliability;

/// <summary>
/// A response body served in reads of a fixed size: a finite body (optionally failing like a cut connection after
/// <c>cutAt</c> bytes), or a prefix followed by a unit repeated forever. Reports every byte it hands out.
/// </summary>
public sealed class FuzzBodyStream(byte[] prefix, byte[]? repeat, int readSize, int? cutAt, Action<int> served) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (cutAt is int cut && _position >= cut)
        {
            throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely (fuzz: connection cut).");
        }

        int wanted = Math.Min(buffer.Length, readSize);
        if (cutAt is int limit)
        {
            wanted = (int)Math.Min(wanted, limit - _position);
        }

        int written = 0;
        while (written < wanted)
        {
            byte[] source;
            long at;
            if (_position < prefix.Length)
            {
                (source, at) = (prefix, _position);
            }
            else if (repeat is { Length: > 0 })
            {
                (source, at) = (repeat, (_position - prefix.Length) % repeat.Length);
            }
            else
            {
                break;
            }

            int n = (int)Math.Min(wanted - written, source.Length - at);
            source.AsSpan((int)at, n).CopyTo(buffer[written..]);
            written += n;
            _position += n;
        }

        served(written);
        return written;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<int>(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
