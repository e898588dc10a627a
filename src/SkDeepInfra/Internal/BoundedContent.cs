using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SkDeepInfra.Internal;

/// <summary>
/// Reads a whole response body into a buffer rented from the shared pool (the caller returns it), but never more than a
/// limit. The buffer starts one byte larger than the declared size, so the usual reply is read in one pass and its end
/// seen without growing the buffer.
/// </summary>
internal static class BoundedContent
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>
    /// The body of a successful reply: a declared <c>Content-Length</c> above <paramref name="limit"/> fails before anything is
    /// read, and a body without one fails as soon as it passes the limit.
    /// </summary>
    /// <exception cref="DeepInfraException">The body is larger than <paramref name="limit"/>.</exception>
    public static Task<PooledBytes> ReadPooledAsync(HttpContent content, long limit, CancellationToken cancellationToken) =>
        ReadAsync(content, limit, truncate: false, cancellationToken);

    /// <summary>The body of an error reply: the status is the error, so a body above <paramref name="limit"/> is cut to it.</summary>
    public static Task<PooledBytes> ReadPrefixAsync(HttpContent content, long limit, CancellationToken cancellationToken) =>
        ReadAsync(content, limit, truncate: true, cancellationToken);

    private static async Task<PooledBytes> ReadAsync(HttpContent content, long limit, bool truncate, CancellationToken cancellationToken)
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

        // The most ever held: the limit, and (when a longer body is an error) the one byte that breaks it.
        long cap = Math.Min(truncate ? limit : limit + 1, int.MaxValue);
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min(declared ?? ChunkBytes, limit) + 1, cap));
        int length = 0;
        try
        {
            while (length < cap)
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
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw DeepInfraErrors.TooLarge("a reply body", limit, nameof(DeepInfraClientOptions.MaxResponseBytes));
                }
            }

            return new PooledBytes(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
