namespace SkDeepInfra;

/// <summary>Keys of <c>ChatMessageContent.Metadata</c> and <c>StreamingChatMessageContent.Metadata</c> set by <see cref="DeepInfraChatCompletionService"/>.</summary>
public static class DeepInfraMetadataKeys
{
    /// <summary><c>"Usage"</c>: token counts as <c>Microsoft.Extensions.AI.UsageDetails</c> (summed over all model calls of an auto-invoke loop).</summary>
    public const string Usage = "Usage";

    /// <summary><c>"FinishReason"</c>: why the model stopped, as a string (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c> or the value DeepInfra sent).</summary>
    public const string FinishReason = "FinishReason";

    /// <summary><c>"EstimatedCost"</c>: DeepInfra's estimated cost in USD as a <see cref="double"/>, summed over all model calls of an auto-invoke loop.</summary>
    public const string EstimatedCost = "EstimatedCost";
}
