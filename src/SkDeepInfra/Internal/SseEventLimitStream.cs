using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SkDeepInfra.Internal;

/// <summary>
/// Passes a response stream through unchanged while counting the bytes of the current server-sent event (everything
/// since the last blank line, line breaks excepted). An event that grows past the limit fails the read, so a server
/// that never ends an event cannot make the parser buffer without bound.
/// </summary>
internal sealed class SseEventLimitStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private long _eventBytes;
    private bool _atLineStart = true;
    private bool _afterCarriageReturn;

    public SseEventLimitStream(Stream inner, long limit)
    {
        _inner = inner;
        _limit = limit;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
#if NET
        int read = await _inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);
#else
        int read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
#endif
        return Count(buffer.AsSpan(offset, read));
    }

#if NET
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Most reads of a busy stream complete at once: no state machine for those.
        ValueTask<int> read = _inner.ReadAsync(buffer, cancellationToken);
        return read.IsCompletedSuccessfully ? new ValueTask<int>(Count(buffer.Span.Slice(0, read.Result))) : CountAsync(read, buffer);
    }

    private async ValueTask<int> CountAsync(ValueTask<int> pending, Memory<byte> buffer)
    {
        int read = await pending.ConfigureAwait(false);
        return Count(buffer.Span.Slice(0, read));
    }
#endif

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Accounts for the bytes just read and returns their count.</summary>
    /// <exception cref="DeepInfraException">The current event is over the limit.</exception>
    private int Count(ReadOnlySpan<byte> data)
    {
        int length = data.Length;
        while (!data.IsEmpty)
        {
            int lineBreak = data.IndexOfAny((byte)'\r', (byte)'\n');
            int run = lineBreak < 0 ? data.Length : lineBreak;
            if (run > 0)
            {
                _eventBytes += run;
                _atLineStart = false;
                _afterCarriageReturn = false;
                if (_eventBytes > _limit)
                {
                    throw DeepInfraErrors.TooLarge("a stream event", _limit, nameof(DeepInfraClientOptions.MaxStreamEventBytes));
                }
            }

            if (lineBreak < 0)
            {
                break;
            }

            byte b = data[lineBreak];
            if (b == (byte)'\n' && _afterCarriageReturn)
            {
                // The second half of a CRLF.
                _afterCarriageReturn = false;
            }
            else
            {
                _afterCarriageReturn = b == (byte)'\r';
                if (_atLineStart)
                {
                    _eventBytes = 0; // a blank line: the event is dispatched
                }

                _atLineStart = true;
            }

            data = data.Slice(lineBreak + 1);
        }

        return length;
    }
}
