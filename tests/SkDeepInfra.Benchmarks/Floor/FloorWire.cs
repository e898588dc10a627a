using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Benchmarks.Floor;

/// <summary>The least a hand-written client sends: the request, prebuilt by the caller.</summary>
public sealed class FloorRequest
{
    public string Model { get; set; } = string.Empty;
    public List<FloorMessage> Messages { get; set; } = [];
    public bool? Stream { get; set; }
    public FloorStreamOptions? StreamOptions { get; set; }
    public double? Temperature { get; set; }
    public int? MaxTokens { get; set; }
    public List<FloorTool>? Tools { get; set; }
    public string? ToolChoice { get; set; }
}

public sealed class FloorStreamOptions
{
    public bool IncludeUsage { get; set; } = true;
}

public sealed class FloorMessage
{
    public string Role { get; set; } = string.Empty;
    public string? Content { get; set; }
    public List<FloorToolCall>? ToolCalls { get; set; }
    public string? ToolCallId { get; set; }
}

public sealed class FloorToolCall
{
    public string Id { get; set; } = string.Empty;
    public string Type { get; set; } = "function";
    public FloorFunctionCall Function { get; set; } = new();
}

public sealed class FloorFunctionCall
{
    public string Name { get; set; } = string.Empty;
    public string Arguments { get; set; } = "{}";
}

public sealed class FloorTool
{
    public string Type { get; set; } = "function";
    public FloorFunction Function { get; set; } = new();
}

public sealed class FloorFunction
{
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public JsonElement Parameters { get; set; }
}

/// <summary>The least a hand-written client reads: text, finish reason, usage and cost.</summary>
public sealed class FloorResponse
{
    public List<FloorChoice>? Choices { get; set; }
    public FloorUsage? Usage { get; set; }
}

public sealed class FloorChoice
{
    public FloorResponseMessage? Message { get; set; }
    public string? FinishReason { get; set; }
}

public sealed class FloorResponseMessage
{
    public string? Content { get; set; }
}

public sealed class FloorUsage
{
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public int TotalTokens { get; set; }
    public double? EstimatedCost { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FloorRequest))]
[JsonSerializable(typeof(FloorResponse))]
internal sealed partial class FloorJsonContext : JsonSerializerContext;
