using System;
using System.IO;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// A write-only stream that keeps nothing but the number of bytes written: measures a serialized value without
/// holding it. One instance per thread is reused (<see cref="Rent"/> / <see cref="Return"/>).
/// </summary>
internal sealed class ByteCountingStream : Stream
{
    [ThreadStatic]
    private static ByteCountingStream? t_cached;

    /// <summary>Gets the number of bytes written since the stream was rented.</summary>
    public long Count { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Count;

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    /// <summary>A stream with a count of zero: this thread's cached one when free, else a new one.</summary>
    public static ByteCountingStream Rent()
    {
        ByteCountingStream stream = t_cached ?? new ByteCountingStream();
        t_cached = null;
        stream.Count = 0;
        return stream;
    }

    /// <summary>Gives a rented stream back for the next <see cref="Rent"/> on this thread.</summary>
    public static void Return(ByteCountingStream stream) => t_cached = stream;

    public override void Write(byte[] buffer, int offset, int count) => Count += count;

#if NET
    public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;
#endif

    public override void WriteByte(byte value) => Count++;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
