using System.Runtime.CompilerServices;
using System.Text;

namespace SkDeepInfra.Agents.TestSupport;

/// <summary>
/// An in-memory model with random behaviour for property tests: it calls a tool or answers, reports usage (or not) and
/// DeepInfra's <c>estimated_cost</c> at fixed prices, and keeps the true cost and tokens of every call it served. Its
/// tokenizer makes at most one token per UTF-8 byte (the condition the ceiling guarantee states), and it never generates
/// more than the <c>max_tokens</c> it was sent (or <see cref="ModelMaxTokens"/> when none was).
/// </summary>
internal sealed class ScriptedModel(Random random, DeepInfraModelPricing pricing) : IChatClient
{
    public const int ModelMaxTokens = 4096;

    // A tokenizer is deterministic: the same text makes the same tokens on every call of a run.
    private readonly int _bytesPerToken = random.Next(1, 5);
    private int _call;

    public decimal TrueCostUsd { get; private set; }

    public long TrueInputTokens { get; private set; }

    public long TrueOutputTokens { get; private set; }

    public List<int?> MaxTokensSent { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (ChatMessage reply, UsageDetails usage, double cost, bool reportUsage) = Reply(messages.ToList(), options);
        var response = new ChatResponse(reply) { ModelId = "scripted", Usage = reportUsage ? usage : null };
        if (reportUsage)
        {
            response.AdditionalProperties = new() { [DeepInfraPropertyNames.EstimatedCost] = cost };
        }

        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        (ChatMessage reply, UsageDetails usage, double cost, bool reportUsage) = Reply(messages.ToList(), options);
        foreach (AIContent content in reply.Contents)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [content]) { ModelId = "scripted" };
        }

        if (reportUsage)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)])
            {
                AdditionalProperties = new() { [DeepInfraPropertyNames.EstimatedCost] = cost },
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private (ChatMessage Reply, UsageDetails Usage, double Cost, bool ReportUsage) Reply(List<ChatMessage> messages, ChatOptions? options)
    {
        _call++;
        MaxTokensSent.Add(options?.MaxOutputTokens);
        int limit = options?.MaxOutputTokens ?? ModelMaxTokens;
        long input = Tokenize(messages, options);

        // Long answers are the interesting case: most calls use all of max_tokens.
        int output = random.Next(4) == 0 ? random.Next(limit + 1) : limit;
        bool callTool = options?.Tools is { Count: > 0 } && random.Next(3) > 0;
        ChatMessage reply = callTool
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call_{_call}", "lookup", new Dictionary<string, object?> { ["query"] = new string('q', random.Next(1, 200)) })])
            : new ChatMessage(ChatRole.Assistant, new string('a', random.Next(1, 400)));
        decimal cost = pricing.EstimateCost(input, output)!.Value;
        TrueCostUsd += cost;
        TrueInputTokens += input;
        TrueOutputTokens += output;
        var usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
        return (reply, usage, (double)cost, random.Next(10) > 0);
    }

    /// <summary>A tokenizer that merges bytes into tokens of one to four bytes, with four template tokens per message.</summary>
    private long Tokenize(List<ChatMessage> messages, ChatOptions? options)
    {
        long bytes = Encoding.UTF8.GetByteCount(options?.Instructions ?? string.Empty);
        long tokens = 4;
        foreach (ChatMessage message in messages)
        {
            tokens += 4;
            foreach (AIContent content in message.Contents)
            {
                bytes += content switch
                {
                    TextContent text => Encoding.UTF8.GetByteCount(text.Text),
                    FunctionCallContent call => call.Name.Length + JsonSerializer.Serialize(call.Arguments).Length,
                    FunctionResultContent result => Encoding.UTF8.GetByteCount(result.Result?.ToString() ?? string.Empty),
                    _ => 0,
                };
            }
        }

        return tokens + ((bytes + _bytesPerToken - 1) / _bytesPerToken);
    }
}
