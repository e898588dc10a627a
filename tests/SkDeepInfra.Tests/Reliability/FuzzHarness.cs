using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SkDeepInfra.Reliability;

/// <summary>
/// Runs one fuzz case through a real <see cref="DeepInfraChatClient"/> (in-process transport) and checks the oracle:
/// the right answer, or a <see cref="DeepInfraException"/>; never another exception, never a hang, never more bytes
/// read than the client's limits allow.
/// </summary>
public static class FuzzHarness
{
    /// <summary>A case that takes longer than this is a hang (the reads are in memory: a case takes microseconds).</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(20);

    private static readonly Uri s_endpoint = new("https://deepinfra.fuzz/v1/openai/");

    public static async Task RunAsync(FuzzCase fuzzCase, FuzzStats? stats = null)
    {
        Task run = Task.Run(() => RunCoreAsync(fuzzCase, stats));
        try
        {
            await run.WaitAsync(HangTimeout);
        }
        catch (TimeoutException)
        {
            throw new FuzzFailureException($"hang: no result after {HangTimeout.TotalSeconds} s", fuzzCase);
        }
    }

    private static async Task RunCoreAsync(FuzzCase fuzzCase, FuzzStats? stats)
    {
        FuzzInput input = FuzzRenderer.Render(fuzzCase);
        var handler = new FuzzHandler(input);
        using var http = new HttpClient(handler);
        var options = new DeepInfraClientOptions
        {
            ApiKey = TestClients.ApiKey,
            Endpoint = s_endpoint,
            MaxRetries = 1,
            MaxResponseBytes = FuzzRenderer.MaxResponseBytes,
            MaxStreamEventBytes = FuzzRenderer.MaxStreamEventBytes,
        };
        using var client = new DeepInfraChatClient(Canned.Model, options, http);
        client.Pipeline.Delay = static (_, _) => Task.CompletedTask;

        Result? result = null;
        Exception? error = null;
        try
        {
            result = fuzzCase.Streaming ? await StreamAsync(client) : await GetAsync(client);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        if (handler.Served > input.MaxServedBytes)
        {
            throw new FuzzFailureException($"unbounded read: the client read {handler.Served} bytes of an endless body (bound {input.MaxServedBytes})", fuzzCase, error);
        }

        if (error is not null)
        {
            CheckError(fuzzCase, input, error);
        }
        else
        {
            CheckResult(fuzzCase, input, result!);
        }

        stats?.Record(input.Oracle, error);
    }

    private static void CheckError(FuzzCase fuzzCase, FuzzInput input, Exception error)
    {
        if (error is not DeepInfraException deepInfra)
        {
            throw new FuzzFailureException($"threw {error.GetType().FullName} instead of DeepInfraException", fuzzCase, error);
        }

        if (input.Oracle is Oracle.Valid or Oracle.Complete)
        {
            throw new FuzzFailureException($"a {(input.Oracle == Oracle.Valid ? "valid variant" : "reply cut after its finish chunk")} threw", fuzzCase, error);
        }

        if (string.IsNullOrWhiteSpace(deepInfra.Message) || deepInfra.ToString().Contains(TestClients.ApiKey, StringComparison.Ordinal))
        {
            throw new FuzzFailureException("the exception has no message or shows the key", fuzzCase, error);
        }

        if (input.Oracle == Oracle.MustFail && input.Status >= 300 && deepInfra.StatusCode != (HttpStatusCode)input.Status)
        {
            throw new FuzzFailureException($"expected status {input.Status}, got {deepInfra.StatusCode}", fuzzCase, error);
        }
    }

    private static void CheckResult(FuzzCase fuzzCase, FuzzInput input, Result result)
    {
        ReplySpec reply = fuzzCase.Reply;
        switch (input.Oracle)
        {
            case Oracle.MustFail:
                throw new FuzzFailureException("succeeded where it must fail", fuzzCase);
            case Oracle.Any:
                return;
        }

        Expect(fuzzCase, "text", reply.ExpectedText, result.Text);
        Expect(fuzzCase, "tool calls", string.Join(";", reply.ToolCalls.Select(t => t.Id + ":" + t.Name)), string.Join(";", result.Calls.Select(c => c.CallId + ":" + c.Name)));
        for (int i = 0; i < reply.ToolCalls.Length; i++)
        {
            if (result.Calls[i].Exception is not null
                || !JsonNode.DeepEquals(JsonNode.Parse(reply.ToolCalls[i].Arguments), JsonSerializer.SerializeToNode(result.Calls[i].Arguments, AIJsonUtilities.DefaultOptions)))
            {
                throw new FuzzFailureException($"tool call {i} arguments differ", fuzzCase, result.Calls[i].Exception);
            }
        }

        if (input.Oracle == Oracle.ExactIfSuccess)
        {
            return;
        }

        Expect(fuzzCase, "reasoning", reply.ExpectedReasoning, result.Reasoning);
        Expect(fuzzCase, "finish reason", reply.FinishReason, result.FinishReason ?? "(none)");
        if (input.Oracle == Oracle.Complete)
        {
            return;
        }

        string expectedUsage = reply.Usage == UsagePlacement.None ? "(none)" : $"{reply.PromptTokens}/{reply.CompletionTokens}/{reply.Cost}";
        Expect(fuzzCase, "usage", expectedUsage, result.Usage);
    }

    private static void Expect(FuzzCase fuzzCase, string what, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new FuzzFailureException($"{what} differs: expected \"{expected}\", got \"{actual}\"", fuzzCase);
        }
    }

    private static async Task<Result> GetAsync(DeepInfraChatClient client)
    {
        ChatResponse response = await client.GetResponseAsync("q");
        List<AIContent> contents = response.Messages.SelectMany(m => m.Contents).ToList();
        return new Result(
            response.Text,
            string.Concat(contents.OfType<TextReasoningContent>().Select(r => r.Text)),
            contents.OfType<FunctionCallContent>().ToList(),
            response.FinishReason?.Value,
            Usage(response.Usage, response.AdditionalProperties));
    }

    private static async Task<Result> StreamAsync(DeepInfraChatClient client)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
        {
            updates.Add(update);
        }

        List<AIContent> contents = updates.SelectMany(u => u.Contents).ToList();
        ChatResponseUpdate? withUsage = updates.LastOrDefault(u => u.Contents.OfType<UsageContent>().Any());
        return new Result(
            string.Concat(updates.Select(u => u.Text)),
            string.Concat(contents.OfType<TextReasoningContent>().Select(r => r.Text)),
            contents.OfType<FunctionCallContent>().ToList(),
            updates.LastOrDefault(u => u.FinishReason is not null)?.FinishReason?.Value,
            Usage(withUsage?.Contents.OfType<UsageContent>().Last().Details, withUsage?.AdditionalProperties));
    }

    private static string Usage(UsageDetails? usage, AdditionalPropertiesDictionary? properties) =>
        usage is null ? "(none)" : $"{usage.InputTokenCount}/{usage.OutputTokenCount}/{properties?[DeepInfraPropertyNames.EstimatedCost]}";

    private sealed record Result(string Text, string Reasoning, List<FunctionCallContent> Calls, string? FinishReason, string Usage);

    /// <summary>Answers every request with the case's response; counts the body bytes the client read.</summary>
    private sealed class FuzzHandler(FuzzInput input) : HttpMessageHandler
    {
        private long _served;

        public long Served => Interlocked.Read(ref _served);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Stream body = input.Endless is { } endless
                ? new FuzzBodyStream(endless.Prefix, endless.Unit, input.ReadSize, null, n => Interlocked.Add(ref _served, n))
                : new FuzzBodyStream(input.Body!, null, input.ReadSize, input.CutAt, n => Interlocked.Add(ref _served, n));
            var content = new StreamContent(body);
            if (input.ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(input.ContentType);
            }

            if (input.Endless?.DeclaredLength is long declared)
            {
                content.Headers.ContentLength = declared;
            }
            else if (input.DeclareLength && input.Body is not null)
            {
                content.Headers.ContentLength = input.Body.Length;
            }

            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)input.Status) { Content = content, RequestMessage = request });
        }
    }
}

/// <summary>A violated oracle, with the case that violated it.</summary>
public sealed class FuzzFailureException(string problem, FuzzCase fuzzCase, Exception? inner = null)
    : Exception($"{problem}{Environment.NewLine}case: {fuzzCase}{Environment.NewLine}bytes: {Preview(fuzzCase)}", inner)
{
    private static string Preview(FuzzCase fuzzCase)
    {
        FuzzInput input = FuzzRenderer.Render(fuzzCase);
        if (input.Body is null)
        {
            return "(endless)";
        }

        string text = System.Text.Encoding.UTF8.GetString(input.Body);
        text = text.Length > 1500 ? text[..1500] + "…" : text;
        return $"status {input.Status}, oracle {input.Oracle}, cut {input.CutAt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: "
            + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
