using System.Collections;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Reliability;

/// <summary>
/// Every error path, streaming and not, with Trace logging on and a server that echoes the API key wherever it can:
/// each status, each malformed body and stream, error frames, size limits, retries exhausted, transport failures and
/// cancellation. The key appears in no log line, exception message, <c>ToString()</c>, <c>Data</c>,
/// <c>ResponseContent</c>, <c>ProviderMessage</c> or inner exception. Extends <c>SecretsTests</c> (non-streaming
/// statuses and malformed bodies) to the whole table.
/// </summary>
public sealed class SecretLeakTests
{
    private const string Key = TestClients.ApiKey;

    private static readonly int[] s_statuses = [400, 401, 402, 403, 404, 405, 408, 409, 413, 422, 429, 500, 501, 502, 503, 504, 520];

    /// <summary>Error bodies in every shape DeepInfra and proxies use, each echoing the key.</summary>
    private static readonly (string MediaType, string Body)[] s_errorBodies =
    [
        ("application/json", """{"error":"Bad key test-key-5f3a9c1e7b2d"}"""),
        ("application/json", """{"error":{"message":"Invalid token test-key-5f3a9c1e7b2d","type":"invalid_request_error","code":401}}"""),
        ("application/json", """{"detail":"No balance for test-key-5f3a9c1e7b2d"}"""),
        ("application/json", """{"detail":[{"loc":["header","authorization"],"msg":"Bearer test-key-5f3a9c1e7b2d is revoked","type":"value_error"}]}"""),
        ("application/json", """{"detail":{"error":"Authorization: Bearer test-key-5f3a9c1e7b2d"}}"""),
        ("text/html", "<html><body>502 Bad Gateway for Bearer test-key-5f3a9c1e7b2d</body></html>"),
        ("text/plain", "upstream said: test-key-5f3a9c1e7b2d"),
        ("application/json", "{\"error\":\"test-key-5f3a9c1e7b2d"),
        ("application/json", """{"message":"test-key-5f3a9c1e7b2d"}"""),
    ];

    /// <summary>200 bodies that are not a usable reply.</summary>
    private static readonly string[] s_malformedBodies =
    [
        "<html>Login test-key-5f3a9c1e7b2d</html>",
        """{"choices":[],"echo":"test-key-5f3a9c1e7b2d"}""",
        """{"choices":[{"index":0}],"echo":"test-key-5f3a9c1e7b2d"}""",
        """{"choices":"test-key-5f3a9c1e7b2d"}""",
        """{"choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":"test-key-5f3a9c1e7b2d"}}""",
        "",
        "null",
        """{"choices":[{"message":{"tool_calls":[{"id":"test-key-5f3a9c1e7b2d","function":{"arguments":"{}"}}]}}]}""",
        """{"error":{"message":"boom test-key-5f3a9c1e7b2d"}}""",
        """{"error":["test-key-5f3a9c1e7b2d"]}""",
        """{"choices":[{"message":{"content":"test-key-5f3a9c1e7b2d""",
        """{"id":"test-key-5f3a9c1e7b2d","choices":[{"message":{"content":"\ud800"}}]}""",
    ];

    /// <summary>Streams that fail after they start.</summary>
    private static readonly string[] s_malformedStreams =
    [
        "data: {\"error\":{\"message\":\"bad key test-key-5f3a9c1e7b2d\",\"code\":401}}\n\n",
        "data: {\"error\":\"test-key-5f3a9c1e7b2d\"}\n\n",
        "event: error\ndata: {\"message\":\"test-key-5f3a9c1e7b2d\"}\n\n",
        "data: {\"id\":\"test-key-5f3a9c1e7b2d\",\"choices\":[ {\n\n",
        "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":[\"test-key-5f3a9c1e7b2d\"]}}]}\n\n",
        "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"test-key-5f3a9c1e7b2d\",\"function\":{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n",
        "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial test-key-5f3a9c1e7b2d\"}}]}\n\n",
        "data: {\"id\":\"test-key-5f3a9c1e7b2d" + new string('k', 1100 * 1024) + "\"}\n\n",
    ];

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (bool streaming in new[] { false, true })
        {
            string mode = streaming ? "stream" : "reply";
            for (int i = 0; i < s_statuses.Length; i++)
            {
                data.Add($"{mode}: status {s_statuses[i]} body {i % s_errorBodies.Length}");
            }

            data.Add($"{mode}: retries exhausted, mixed");
            data.Add($"{mode}: connection refused");
            data.Add($"{mode}: timeout");
            data.Add($"{mode}: cancelled before sending");
            data.Add($"{mode}: cancelled during retry delay");
            data.Add($"{mode}: cancelled while reading");
        }

        for (int i = 0; i < s_malformedBodies.Length; i++)
        {
            data.Add($"reply: malformed body {i}");
        }

        data.Add("reply: over the size limit");
        data.Add("reply: cut half way");
        for (int i = 0; i < s_malformedStreams.Length; i++)
        {
            data.Add($"stream: malformed {i}");
        }

        data.Add("stream: cut after an update");
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Call_ErrorPathWithTraceLogging_KeyNeverExposed(string scenario)
    {
        bool streaming = scenario.StartsWith("stream", StringComparison.Ordinal);
        using var cts = new CancellationTokenSource();
        var handler = new RecordingHandler();
        Setup(handler, scenario[(scenario.IndexOf(':', StringComparison.Ordinal) + 2)..], cts);
        using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
        using DeepInfraChatClient client = TestClients.Create(handler, maxRetries: 2, loggerFactory: loggerFactory);
        if (scenario.EndsWith("cancelled during retry delay", StringComparison.Ordinal))
        {
            client.Pipeline.Delay = (_, token) =>
            {
                cts.Cancel();
                return Task.FromCanceled(token);
            };
        }

        Exception? error = await Record.ExceptionAsync(() => CallAsync(client, streaming, scenario, cts));

        Assert.NotNull(error);
        Assert.True(error is DeepInfraException or OperationCanceledException, $"{scenario}: {error}");
        Assert.All(handler.Requests, r => Assert.Equal("Bearer " + Key, r.Authorization)); // the key was really sent
        AssertNoKey(error);
        Assert.All(logs.Lines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletionService_ErrorPathsWithTraceLogging_KeyNeverExposed(bool streaming)
    {
        foreach (string frame in (string[])["data: {\"error\":{\"message\":\"bad key test-key-5f3a9c1e7b2d\",\"code\":401}}\n\n", ""])
        {
            var handler = new RecordingHandler();
            if (frame.Length > 0 && streaming)
            {
                handler.ReplySse(frame);
            }
            else
            {
                handler.ReplyJson(s_errorBodies[1].Body, HttpStatusCode.Unauthorized);
            }

            using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
            DeepInfraChatCompletionService service = TestServices.Create(handler, loggerFactory);
            var history = new ChatHistory();
            history.AddUserMessage("q");

            Exception? error = await Record.ExceptionAsync(async () =>
            {
                if (streaming)
                {
                    await foreach (StreamingChatMessageContent update in service.GetStreamingChatMessageContentsAsync(history))
                    {
                    }
                }
                else
                {
                    await service.GetChatMessageContentsAsync(history);
                }
            });

            Assert.IsType<DeepInfraException>(error);
            AssertNoKey(error);
            Assert.All(logs.Lines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Loopback_ErrorPathsAgainstTheEmulator_KeyNeverExposed()
    {
        await using var emulator = new DeepInfraEmulator(new DeepInfraEmulatorOptions { ApiKey = "the-right-key-0000" });
        await emulator.StartAsync();
        using ILoggerFactory loggerFactory = ListLoggerProvider.CreateFactory(out ListLoggerProvider logs);
        var options = new DeepInfraClientOptions { ApiKey = Key, Endpoint = emulator.Endpoint, MaxRetries = 1 };
        using var wrongKey = new DeepInfraChatClient(Canned.Model, options, loggerFactory: loggerFactory);
        var errors = new List<Exception?>
        {
            await Record.ExceptionAsync(() => wrongKey.GetResponseAsync("q")),
            await Record.ExceptionAsync(() => Loopback.StreamAsync(wrongKey, "q").ContinueWith(t => t.Result.Error is { } e ? throw e : t.Result, TaskScheduler.Default)),
        };

        emulator.Options.ApiKey = null;
        emulator.Responder = request => request.LastUserText switch
        {
            "frame" => EmulatorReply.Text("partial answer " + Key).WithChunkSize(5).WithErrorFrame(2, "{\"error\":{\"message\":\"echo " + Key + "\",\"code\":500}}"),
            "cut" => EmulatorReply.Text("cut " + Key).WithChunkSize(3).WithConnectionCut(2, midEvent: true),
            _ => EmulatorReply.Html(502, "<html>" + Key + "</html>"),
        };
        using var client = new DeepInfraChatClient(Canned.Model, options, loggerFactory: loggerFactory);
        client.Pipeline.Delay = static (_, _) => Task.CompletedTask;
        errors.Add((await Loopback.StreamAsync(client, "frame")).Error);
        errors.Add((await Loopback.StreamAsync(client, "cut")).Error);
        errors.Add(await Record.ExceptionAsync(() => client.GetResponseAsync("html")));

        Assert.All(errors, e => Assert.IsType<DeepInfraException>(e));
        Assert.All(errors, AssertNoKey);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
    }

    private static void Setup(RecordingHandler handler, string scenario, CancellationTokenSource cts)
    {
        if (scenario.StartsWith("status ", StringComparison.Ordinal))
        {
            string[] parts = scenario.Split(' ');
            (string mediaType, string body) = s_errorBodies[int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture)];
            var status = (HttpStatusCode)int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            handler.Reply(_ => Text(status, body, mediaType, r => r.Headers.TryAddWithoutValidation("X-Echo", "Bearer " + Key)));
            return;
        }

        if (scenario.StartsWith("malformed body ", StringComparison.Ordinal))
        {
            handler.ReplyText(s_malformedBodies[int.Parse(scenario["malformed body ".Length..], System.Globalization.CultureInfo.InvariantCulture)], "application/json");
            return;
        }

        if (scenario.StartsWith("malformed ", StringComparison.Ordinal))
        {
            handler.ReplySse(s_malformedStreams[int.Parse(scenario["malformed ".Length..], System.Globalization.CultureInfo.InvariantCulture)]);
            return;
        }

        string first = "data: " + Canned.Chunk("an update " + Key) + "\n\n";
        switch (scenario)
        {
            case "retries exhausted, mixed":
                handler.ReplyJson(s_errorBodies[0].Body, HttpStatusCode.TooManyRequests)
                    .ReplyText(s_errorBodies[5].Body, "text/html", HttpStatusCode.BadGateway)
                    .ReplyJson(s_errorBodies[3].Body, HttpStatusCode.ServiceUnavailable);
                break;
            case "connection refused":
                handler.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (deepinfra.test:443)"));
                break;
            case "timeout":
                handler.Throw(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing."));
                break;
            case "cancelled before sending":
                cts.Cancel();
                handler.ReplyJson(Canned.Completion());
                break;
            case "cancelled during retry delay":
                handler.ReplyJson(s_errorBodies[1].Body, HttpStatusCode.ServiceUnavailable);
                break;
            case "cancelled while reading":
                var body = new ScriptedStream();
                body.Write(first);
                handler.Reply(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/event-stream") } } });
                break;
            case "over the size limit":
                handler.ReplyText(Key + new string(' ', 17 * 1024 * 1024), "application/json");
                break;
            case "cut half way":
                string reply = Canned.Completion("half " + Key);
                handler.Reply(_ => Stream(new FuzzBodyStream(Encoding.UTF8.GetBytes(reply), null, 4096, reply.Length / 2, _ => { })));
                break;
            case "cut after an update":
                handler.Reply(_ => Stream(new FuzzBodyStream(Encoding.UTF8.GetBytes(first), null, 4096, first.Length, _ => { })));
                break;
            default:
                throw new InvalidOperationException(scenario);
        }
    }

    private static async Task CallAsync(DeepInfraChatClient client, bool streaming, string scenario, CancellationTokenSource cts)
    {
        bool cancelWhileReading = scenario.EndsWith("cancelled while reading", StringComparison.Ordinal);
        if (!streaming)
        {
            Task<ChatResponse> call = client.GetResponseAsync("q", cancellationToken: cts.Token);
            if (cancelWhileReading)
            {
                await Task.Delay(20);
                await cts.CancelAsync();
            }

            await call;
            return;
        }

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q", cancellationToken: cts.Token))
        {
            if (cancelWhileReading)
            {
                await cts.CancelAsync();
            }
        }
    }

    private static HttpResponseMessage Text(HttpStatusCode status, string body, string mediaType, Action<HttpResponseMessage> configure)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        configure(response);
        return response;
    }

    private static HttpResponseMessage Stream(Stream body) =>
        new(HttpStatusCode.OK) { Content = new StreamContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/event-stream") } } };

    private static void AssertNoKey(Exception? exception)
    {
        var pending = new Stack<Exception>();
        if (exception is not null)
        {
            pending.Push(exception);
        }

        while (pending.Count > 0)
        {
            Exception ex = pending.Pop();
            Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, ex.ToString(), StringComparison.Ordinal);
            foreach (DictionaryEntry entry in ex.Data)
            {
                Assert.DoesNotContain(Key, entry.Key.ToString() ?? string.Empty, StringComparison.Ordinal);
                Assert.DoesNotContain(Key, entry.Value?.ToString() ?? string.Empty, StringComparison.Ordinal);
            }

            if (ex is HttpOperationException http)
            {
                Assert.DoesNotContain(Key, http.ResponseContent ?? string.Empty, StringComparison.Ordinal);
            }

            if (ex is DeepInfraException deepInfra)
            {
                Assert.DoesNotContain(Key, deepInfra.ProviderMessage ?? string.Empty, StringComparison.Ordinal);
            }

            if (ex is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (ex.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
