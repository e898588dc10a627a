using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra.Benchmarks.Floor;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Contenders;

/// <summary>Runs every contender once and checks its answer before anything is timed.</summary>
internal static class AnswerChecks
{
    public static async Task NonStreamingAsync(Contenders c, ChatWorkload w, string expectedText)
    {
        var expected = new Answer(expectedText, ChatPayloads.PromptTokens, ChatPayloads.CompletionTokens, ChatPayloads.EstimatedCost);
        Of(await c.DeepInfraChatClient.GetResponseAsync(w.Messages, w.Options)).ShouldMatch(expected, nameof(c.DeepInfraChatClient), surfacesCost: true);
        Of(await c.MeaiOpenAIChatClient.GetResponseAsync(w.Messages, w.Options)).ShouldMatch(expected, nameof(c.MeaiOpenAIChatClient), surfacesCost: false);
        (await OfAsync(c.DeepInfraChatCompletionService, w, w.DeepInfraSettings)).ShouldMatch(expected, nameof(c.DeepInfraChatCompletionService), surfacesCost: true);
        (await OfAsync(c.SkOpenAIChatCompletionService, w, w.OpenAISettings)).ShouldMatch(expected, nameof(c.SkOpenAIChatCompletionService), surfacesCost: false);
        Of(await c.Floor.CompleteAsync(w.FloorRequest)).ShouldMatch(expected, nameof(c.Floor), surfacesCost: true);
    }

    public static async Task StreamingAsync(Contenders c, ChatWorkload w)
    {
        var expected = new Answer(ChatPayloads.StreamedText, ChatPayloads.PromptTokens, ChatPayloads.CompletionTokens, ChatPayloads.EstimatedCost);
        (await StreamOfAsync(c.DeepInfraChatClient, w)).ShouldMatch(expected, nameof(c.DeepInfraChatClient), surfacesCost: true);
        (await StreamOfAsync(c.MeaiOpenAIChatClient, w)).ShouldMatch(expected, nameof(c.MeaiOpenAIChatClient), surfacesCost: false);
        (await StreamOfAsync(c.DeepInfraChatCompletionService, w, w.DeepInfraSettings)).ShouldMatch(expected, nameof(c.DeepInfraChatCompletionService), surfacesCost: true);
        (await StreamOfAsync(c.SkOpenAIChatCompletionService, w, w.OpenAISettings)).ShouldMatch(expected, nameof(c.SkOpenAIChatCompletionService), surfacesCost: false);
        (await StreamOfAsync(c.Floor, w)).ShouldMatch(expected, nameof(c.Floor), surfacesCost: true);
    }

    private static Answer Of(ChatResponse r) =>
        new(r.Text, r.Usage?.InputTokenCount, r.Usage?.OutputTokenCount, r.AdditionalProperties?.TryGetValue(DeepInfraPropertyNames.EstimatedCost, out object? cost) == true ? (double?)cost : null);

    private static Answer Of(FloorResponse r) =>
        new(r.Choices?[0].Message?.Content ?? string.Empty, r.Usage?.PromptTokens, r.Usage?.CompletionTokens, r.Usage?.EstimatedCost);

    private static async Task<Answer> OfAsync(IChatCompletionService service, ChatWorkload w, PromptExecutionSettings settings)
    {
        int before = w.History.Count;
        IReadOnlyList<ChatMessageContent> results = await service.GetChatMessageContentsAsync(w.History, settings, w.Kernel);
        HistoryUnchanged(w, before, service);
        ChatMessageContent result = results.Single();
        (long? input, long? output) = Tokens(result.Metadata);
        return new Answer(result.Content ?? string.Empty, input, output, Cost(result.Metadata));
    }

    private static async Task<Answer> StreamOfAsync(IChatClient client, ChatWorkload w)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(w.Messages, w.Options))
        {
            updates.Add(update);
        }

        return Of(updates.ToChatResponse()) with { Cost = updates.Select(u => u.AdditionalProperties?.GetValueOrDefault(DeepInfraPropertyNames.EstimatedCost)).OfType<double>().LastOrDefault() };
    }

    private static async Task<Answer> StreamOfAsync(IChatCompletionService service, ChatWorkload w, PromptExecutionSettings settings)
    {
        int before = w.History.Count;
        var text = new StringBuilder();
        IReadOnlyDictionary<string, object?>? last = null;
        await foreach (StreamingChatMessageContent update in service.GetStreamingChatMessageContentsAsync(w.History, settings, w.Kernel))
        {
            text.Append(update.Content);
            if (update.Metadata?.ContainsKey("Usage") == true)
            {
                last = update.Metadata;
            }
        }

        HistoryUnchanged(w, before, service);
        (long? input, long? output) = Tokens(last);
        return new Answer(text.ToString(), input, output, Cost(last));
    }

    private static async Task<Answer> StreamOfAsync(FloorClient floor, ChatWorkload w)
    {
        var text = new StringBuilder();
        FloorUsage? usage = null;
        await foreach (FloorDelta delta in floor.StreamAsync(w.FloorStreamRequest))
        {
            text.Append(delta.Text);
            usage = delta.Usage ?? usage;
        }

        return new Answer(text.ToString(), usage?.PromptTokens, usage?.CompletionTokens, usage?.EstimatedCost);
    }

    /// <summary>Usage as each Semantic Kernel connector puts it in metadata: M.E.AI's details or the OpenAI SDK's token usage.</summary>
    private static (long? Input, long? Output) Tokens(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata?.GetValueOrDefault("Usage") switch
        {
            UsageDetails d => (d.InputTokenCount, d.OutputTokenCount),
            UsageContent u => (u.Details.InputTokenCount, u.Details.OutputTokenCount),
            OpenAI.Chat.ChatTokenUsage o => (o.InputTokenCount, o.OutputTokenCount),
            _ => (null, null),
        };

    private static double? Cost(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata?.GetValueOrDefault(DeepInfraMetadataKeys.EstimatedCost) as double?;

    private static void HistoryUnchanged(ChatWorkload w, int before, IChatCompletionService service)
    {
        if (w.History.Count != before)
        {
            throw new InvalidOperationException($"{service.GetType().Name} changed the chat history; repeated calls would not be the same request.");
        }
    }
}
