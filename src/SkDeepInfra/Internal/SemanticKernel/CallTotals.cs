using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Internal.SemanticKernel;

/// <summary>Usage and estimated cost summed over the model calls of one Semantic Kernel call, and the metadata that reports them.</summary>
internal sealed class CallTotals
{
    public UsageDetails? Usage { get; private set; }

    public double? Cost { get; private set; }

    /// <summary>Adds one model call. Sums go into a new <see cref="UsageDetails"/>: metadata already handed out keeps its own.</summary>
    public void Add(UsageDetails? usage, double? cost)
    {
        if (usage is not null && Usage is null)
        {
            Usage = usage;
        }
        else if (usage is not null)
        {
            var sum = new UsageDetails();
            sum.Add(Usage!);
            sum.Add(usage);
            Usage = sum;
        }

        if (cost is double c)
        {
            Cost = (Cost ?? 0) + c;
        }
    }

    public static Dictionary<string, object?> Metadata(UsageDetails? usage, ChatFinishReason? finishReason, double? cost) => new(3)
    {
        [DeepInfraMetadataKeys.Usage] = usage,
        [DeepInfraMetadataKeys.FinishReason] = finishReason?.Value,
        [DeepInfraMetadataKeys.EstimatedCost] = cost,
    };

    public static double? ReadCost(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(DeepInfraPropertyNames.EstimatedCost, out object? value) && value is double cost ? cost : null;
}
