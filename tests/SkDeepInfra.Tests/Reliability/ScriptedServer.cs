using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SkDeepInfra.Reliability;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 whose every byte and pause is scripted: for faults Kestrel will not produce
/// (byte-by-byte drip, a declared length it never sends, endless bodies, idle keep-alive connections closed by the
/// server, requests dropped without an answer).
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ServerExchange, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _connectionCount;
    private int _requestCount;
    private long _bytesWritten;

    public ScriptedServer(Func<ServerExchange, Task> script)
    {
        _script = script;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/openai/");

    public int Connections => Volatile.Read(ref _connectionCount);

    public int Requests => Volatile.Read(ref _requestCount);

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    internal void CountWritten(int bytes) => Interlocked.Add(ref _bytesWritten, bytes);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
            socket.NoDelay = true;
            int connection = Interlocked.Increment(ref _connectionCount);
            lock (_connections)
            {
                _connections.Add(Task.Run(() => ServeAsync(socket, connection)));
            }
        }
    }

    private async Task ServeAsync(Socket socket, int connection)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            for (int onConnection = 1; !_stop.IsCancellationRequested; onConnection++)
            {
                (string Head, string Body)? request = await ReadRequestAsync(stream, _stop.Token);
                if (request is null)
                {
                    return;
                }

                var exchange = new ServerExchange(this, socket, stream, request.Value.Body, Interlocked.Increment(ref _requestCount), connection, onConnection, _stop.Token);
                await _script(exchange);
                if (exchange.Closed)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server stopped.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private static async Task<(string Head, string Body)?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        string headText = Encoding.ASCII.GetString([.. head]);
        int length = 0;
        foreach (string line in headText.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        byte[] body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (headText, Encoding.UTF8.GetString(body));
    }
}

/// <summary>One request and the means to answer it byte by byte.</summary>
public sealed class ServerExchange
{
    private readonly ScriptedServer _server;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    internal ServerExchange(ScriptedServer server, Socket socket, NetworkStream stream, string body, int request, int connection, int onConnection, CancellationToken stopping)
    {
        (_server, _socket, _stream) = (server, socket, stream);
        (Body, Request, Connection, RequestOnConnection, Stopping) = (body, request, connection, onConnection, stopping);
    }

    public string Body { get; }

    /// <summary>1 for the first request the server received, 2 for the second, …</summary>
    public int Request { get; }

    public int Connection { get; }

    /// <summary>1 for the first request on this connection; more means the client reused a kept-alive connection.</summary>
    public int RequestOnConnection { get; }

    public CancellationToken Stopping { get; }

    public bool Closed { get; private set; }

    /// <summary>Status line and headers; <paramref name="contentLength"/> null means chunked transfer encoding.</summary>
    public Task WriteHeadAsync(int status, string contentType, long? contentLength, params string[] extraHeaders)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} Status\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n")
            .Append(contentLength is long length ? $"Content-Length: {length}\r\n" : "Transfer-Encoding: chunked\r\n");
        foreach (string header in extraHeaders)
        {
            head.Append(header).Append("\r\n");
        }

        return WriteAsync(head.Append("\r\n").ToString());
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes, Stopping);
        await _stream.FlushAsync(Stopping);
        _server.CountWritten(bytes.Length);
    }

    /// <summary>One chunk of a chunked body.</summary>
    public async Task WriteChunkAsync(ReadOnlyMemory<byte> bytes)
    {
        await WriteAsync(bytes.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        await WriteAsync(bytes);
        await WriteAsync("\r\n");
    }

    public Task WriteChunkAsync(string text) => WriteChunkAsync(Encoding.UTF8.GetBytes(text));

    public Task EndChunksAsync() => WriteAsync("0\r\n\r\n");

    /// <summary>A whole response with a Content-Length; the connection stays open for the next request.</summary>
    public async Task RespondAsync(int status, string contentType, string body, params string[] extraHeaders)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        await WriteHeadAsync(status, contentType, bytes.Length, extraHeaders);
        await WriteAsync(bytes);
    }

    /// <summary>Closes the connection gracefully (FIN), as a server does with an idle keep-alive connection.</summary>
    public void Close()
    {
        Closed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }

        _socket.Close();
    }

    /// <summary>Resets the connection (RST), as a crashed server or proxy does.</summary>
    public void Abort()
    {
        Closed = true;
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }
}
