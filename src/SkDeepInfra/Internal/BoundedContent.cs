using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SkDeepInfra.Internal;

/// <summary>
/// Reads a whole response body, but never more than a limit: a declared <c>Content-Length</c> above it fails before
/// anything is read, and a body without one stops being read as soon as it passes the limit.
/// </summary>
internal static class BoundedContent
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body of a successful reply.</summary>
    /// <exception cref="DeepInfraException">The body is larger than <paramref name="limit"/>.</exception>
    public static Task<byte[]> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken) =>
        ReadAsync(content, limit, truncate: false, cancellationToken);

    /// <summary>The body of an error reply: the status is the error, so a body above <paramref name="limit"/> is cut to it.</summary>
    public static Task<byte[]> ReadPrefixAsync(HttpContent content, long limit, CancellationToken cancellationToken) =>
        ReadAsync(content, limit, truncate: true, cancellationToken);

    /// <summary>
    /// The body of a successful reply, in a buffer rented from the shared pool (the caller returns it): one byte more
    /// than the declared size, so the usual reply is read in one pass and its end seen without growing the buffer.
    /// </summary>
    /// <exception cref="DeepInfraException">The body is larger than <paramref name="limit"/>.</exception>
    public static async Task<PooledBytes> ReadPooledAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        long? declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            throw DeepInfraErrors.TooLarge($"a reply body of {declared} bytes (Content-Length)", limit, nameof(DeepInfraClientOptions.MaxResponseBytes));
        }

#if NET
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        long cap = Math.Min(limit + 1, int.MaxValue); // the most ever held: the limit and the one byte that breaks it
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min(declared ?? ChunkBytes, limit) + 1, cap));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

#if NET
                int read = await stream.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length, cap) - length), cancellationToken).ConfigureAwait(false);
#else
                int read = await stream.ReadAsync(buffer, length, (int)Math.Min(buffer.Length, cap) - length, cancellationToken).ConfigureAwait(false);
#endif
                if (read == 0)
                {
                    return new PooledBytes(buffer, length);
                }

                length += read;
                if (length > limit)
                {
                    throw DeepInfraErrors.TooLarge("a reply body", limit, nameof(DeepInfraClientOptions.MaxResponseBytes));
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static async Task<byte[]> ReadAsync(HttpContent content, long limit, bool truncate, CancellationToken cancellationToken)
    {
        long? declared = content.Headers.ContentLength;
        if (declared > limit && !truncate)
        {
            throw DeepInfraErrors.TooLarge($"a reply body of {declared} bytes (Content-Length)", limit, nameof(DeepInfraClientOptions.MaxResponseBytes));
        }

#if NET
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        // Exactly the declared size when there is one, so the usual reply is read without copying.
        byte[] buffer = new byte[(int)Math.Min(declared ?? ChunkBytes, limit)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= limit)
                {
                    // Full: one more byte means the body is over the limit.
                    if (truncate || await ReadByteAsync(stream, cancellationToken).ConfigureAwait(false) < 0)
                    {
                        return buffer;
                    }

                    throw DeepInfraErrors.TooLarge("a reply body", limit, nameof(DeepInfraClientOptions.MaxResponseBytes));
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max((long)buffer.Length * 2, ChunkBytes), limit));
            }

#if NET
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
#else
            int read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
#endif
            if (read == 0)
            {
                if (length != buffer.Length)
                {
                    Array.Resize(ref buffer, length);
                }

                return buffer;
            }

            length += read;
        }
    }

    private static async Task<int> ReadByteAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] one = new byte[1];
#if NET
        int read = await stream.ReadAsync(one.AsMemory(), cancellationToken).ConfigureAwait(false);
#else
        int read = await stream.ReadAsync(one, 0, 1, cancellationToken).ConfigureAwait(false);
#endif
        return read == 0 ? -1 : one[0];
    }
}
