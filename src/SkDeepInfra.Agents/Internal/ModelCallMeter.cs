using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// Reads what one model call reported: usage, DeepInfra's <c>estimated_cost</c>, the model id and the tool calls, from a
/// whole response or from streamed updates as they pass.
/// </summary>
internal sealed class ModelCallMeter
{
    private readonly List<string> _toolCalls = [];

    public UsageDetails? Usage { get; private set; }

    public double? EstimatedCost { get; private set; }

    public string? ModelId { get; private set; }

    public IReadOnlyList<string> ToolCalls => _toolCalls;

    public bool Recovered { get; private set; }

    public static ModelCallMeter From(ChatResponse response)
    {
        var meter = new ModelCallMeter { Usage = response.Usage, ModelId = response.ModelId, EstimatedCost = ReadCost(response.AdditionalProperties) };
        foreach (ChatMessage message in response.Messages)
        {
            meter.ObserveContents(message.Contents, fromStream: false);
        }

        return meter;
    }

    public void Observe(ChatResponseUpdate update)
    {
        ModelId ??= update.ModelId;
        EstimatedCost = ReadCost(update.AdditionalProperties) ?? EstimatedCost;
        ObserveContents(update.Contents, fromStream: true);
    }

    /// <summary>Reads a cost written as a number of any CLR numeric type, a numeric string, or a JSON number.</summary>
    public static double? ReadCost(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null)
        {
            return null;
        }

        if (properties.TryGetValue(DeepInfraPropertyNames.EstimatedCost, out double cost))
        {
            return cost;
        }

        return properties.TryGetValue(DeepInfraPropertyNames.EstimatedCost, out JsonElement element) && element.ValueKind == JsonValueKind.Number
            ? element.GetDouble()
            : null;
    }

    private void ObserveContents(IList<AIContent> contents, bool fromStream)
    {
        foreach (AIContent content in contents)
        {
            switch (content)
            {
                case FunctionCallContent call when !call.InformationalOnly:
                    _toolCalls.Add(call.Name);
                    Recovered |= call.AdditionalProperties?.ContainsKey(AgentRunPropertyNames.RecoveredFromText) == true;
                    break;
                case UsageContent usage when fromStream:
                    Usage = Add(Usage, usage.Details);
                    break;
            }
        }
    }

    private static UsageDetails Add(UsageDetails? total, UsageDetails details)
    {
        if (total is null)
        {
            return new UsageDetails
            {
                InputTokenCount = details.InputTokenCount,
                OutputTokenCount = details.OutputTokenCount,
                TotalTokenCount = details.TotalTokenCount,
            };
        }

        total.Add(details);
        return total;
    }
}
