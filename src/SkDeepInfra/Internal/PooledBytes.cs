using System;
using System.Buffers;

namespace SkDeepInfra.Internal;

/// <summary>Bytes in an array rented from <see cref="ArrayPool{T}.Shared"/>; <see cref="Return"/> gives it back, once.</summary>
internal sealed class PooledBytes
{
    private byte[]? _array;

    public PooledBytes(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The array; its first <see cref="Length"/> bytes are the data.</summary>
    public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBytes));

    public ReadOnlySpan<byte> Span => new(Array, 0, Length);

    public void Return()
    {
        byte[]? array = _array;
        _array = null;
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
