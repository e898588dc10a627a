using System.Net;
using System.Net.Http.Headers;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// Serves a stream whose first read waits until <see cref="Release"/>: the caller has sent its request and is waiting
/// for bytes; releasing delivers the first SSE event on the releasing thread, so the time until the caller's first
/// update is the time the client spends between the event's arrival and handing it over. Later reads are served at once.
/// </summary>
internal sealed class FirstEventGate : HttpMessageHandler
{
    private readonly byte[] _first;
    private readonly byte[] _remainder;
    private GatedStream? _current;

    public FirstEventGate(byte[] first, byte[] remainder)
    {
        _first = first;
        _remainder = remainder;
    }

    /// <summary>Completes when the current call's first read is waiting.</summary>
    public Task Waiting => _current?.ReadRequested ?? throw new InvalidOperationException("No call has been sent.");

    /// <summary>Delivers the first event to the waiting read.</summary>
    public void Release() => _current!.Release();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        }

        _current = new GatedStream(_first, _remainder);
        var content = new StreamContent(_current);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }

    private sealed class GatedStream(byte[] first, byte[] remainder) : Stream
    {
        private readonly TaskCompletionSource _readRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource<int>? _firstRead;
        private Memory<byte> _firstBuffer;
        private int _position;

        public Task ReadRequested => _readRequested.Task;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Release()
        {
            int n = Copy(_firstBuffer.Span);
            _firstRead!.SetResult(n);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_firstRead is null)
            {
                // Continuations run inline on the releasing thread, as they would on a socket completion.
                _firstRead = new TaskCompletionSource<int>();
                _firstBuffer = buffer;
                _readRequested.SetResult();
                return new ValueTask<int>(_firstRead.Task);
            }

            return new ValueTask<int>(Copy(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Copy(Span<byte> destination)
        {
            ReadOnlySpan<byte> source = _position < first.Length ? first.AsSpan(_position) : remainder.AsSpan(_position - first.Length);
            int n = Math.Min(source.Length, destination.Length);
            source[..n].CopyTo(destination);
            _position += n;
            return n;
        }
    }
}
