using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkDeepInfra.Benchmarks.Floor;
using SkDeepInfra.Benchmarks.Payloads;

namespace SkDeepInfra.Benchmarks.Contenders;

/// <summary>A streamed call read to the end as a caller would: each update's text, counted rather than concatenated.</summary>
internal static class StreamingCalls
{
    public static async Task<int> ReadAsync(IChatClient client, ChatWorkload workload, CancellationToken cancellationToken = default)
    {
        int chars = 0;
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(workload.Messages, workload.Options, cancellationToken))
        {
            chars += update.Text.Length;
        }

        return chars;
    }

    public static async Task<int> ReadAsync(IChatCompletionService service, ChatWorkload workload, PromptExecutionSettings settings, CancellationToken cancellationToken = default)
    {
        int chars = 0;
        await foreach (StreamingChatMessageContent update in service.GetStreamingChatMessageContentsAsync(workload.History, settings, workload.Kernel, cancellationToken))
        {
            chars += update.Content?.Length ?? 0;
        }

        return chars;
    }

    public static async Task<int> ReadAsync(FloorClient floor, ChatWorkload workload, CancellationToken cancellationToken = default)
    {
        int chars = 0;
        await foreach (FloorDelta delta in floor.StreamAsync(workload.FloorStreamRequest, cancellationToken))
        {
            chars += delta.Text?.Length ?? 0;
        }

        return chars;
    }
}
