using System.Text.Json;

namespace SkDeepInfra.Benchmarks.Floor;

/// <summary>One stream event as the floor reads it: a <see cref="Utf8JsonReader"/> pass that keeps only text, usage and cost.</summary>
internal readonly record struct FloorDelta(string? Text, FloorUsage? Usage, bool Done)
{
    public static FloorDelta Parse(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return new FloorDelta(null, null, Done: true);
        }

        var reader = new Utf8JsonReader(data);
        string? text = null;
        FloorUsage? usage = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                usage = reader.TokenType == JsonTokenType.StartObject ? ReadUsage(ref reader) : null;
            }
        }

        return new FloorDelta(text, usage, Done: false);
    }

    private static FloorUsage ReadUsage(ref Utf8JsonReader reader)
    {
        var usage = new FloorUsage();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                usage.PromptTokens = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                usage.CompletionTokens = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                usage.TotalTokens = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("estimated_cost"u8))
            {
                reader.Read();
                usage.EstimatedCost = reader.GetDouble();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return usage;
    }
}
