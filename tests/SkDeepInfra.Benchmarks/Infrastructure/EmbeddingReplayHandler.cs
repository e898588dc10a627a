using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// Answers <c>POST embeddings</c> from memory in the encoding the request asks for: it reads the request body to the end
/// (as a socket would) into a pooled buffer, finds the top-level <c>encoding_format</c>, and serves the base64 reply for
/// <c>"base64"</c> and the JSON-number reply for <c>"float"</c> or none. Anything else fails the call. While
/// <see cref="Recording"/> is set (answer checks, before timing), it keeps a copy of each request body.
/// </summary>
internal sealed class EmbeddingReplayHandler(byte[] base64Reply, byte[] floatReply) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private byte[]? _lastRequest;

    /// <summary>Keep each request body for <see cref="TakeLastRequest"/>; off while timing.</summary>
    public bool Recording { get; set; }

    /// <summary>The last request body seen while <see cref="Recording"/>, forgotten once taken.</summary>
    public byte[]? TakeLastRequest()
    {
        byte[]? last = _lastRequest;
        _lastRequest = null;
        return last;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] reply;
        using (var body = new PooledWriteStream())
        {
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(body, cancellationToken);
            }

            if (Recording)
            {
                _lastRequest = body.Written.ToArray();
            }

            reply = EncodingFormat(body.Written) switch
            {
                "base64" => base64Reply,
                null or "float" => floatReply,
                string other => throw new InvalidOperationException($"The request asks for encoding_format '{other}'."),
            };
        }

        var content = new StreamContent(new ReplayHandler.ForwardOnlyStream(reply));
        content.Headers.ContentType = s_json;
        content.Headers.ContentLength = reply.Length;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }

    /// <summary>The top-level <c>encoding_format</c> string, or null when the body has none.</summary>
    internal static string? EncodingFormat(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read(); // the body's object
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool wanted = reader.ValueTextEquals("encoding_format"u8);
            reader.Read();
            if (wanted)
            {
                return reader.TokenType == JsonTokenType.Null ? null
                    : reader.ValueTextEquals("base64"u8) ? "base64"
                    : reader.ValueTextEquals("float"u8) ? "float"
                    : reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>A write-only stream over a buffer rented from the pool, returned on dispose.</summary>
    private sealed class PooledWriteStream : Stream
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_length + buffer.Length > _buffer.Length)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            buffer.CopyTo(_buffer.AsSpan(_length));
            _length += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
                _length = 0;
            }

            base.Dispose(disposing);
        }
    }
}
