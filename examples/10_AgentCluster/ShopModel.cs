using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Examples;

/// <summary>The shop's support agent: its instructions, its tools, and (offline) how the emulated model answers.</summary>
internal static partial class ShopModel
{
    public const string Instructions = "You are a shop's support assistant. Look orders up before answering; refunds need a manager's approval. Be brief.";

    public static AITool[] Tools { get; } =
    [
        AIFunctionFactory.Create((int order) => $"Order {order} shipped yesterday and arrives on Friday.", "get_order_status", "Gets an order's status."),
        new ApprovalRequiredAIFunction(AIFunctionFactory.Create((int order) => $"Refunded order {order}.", "refund_order", "Refunds an order.")),
    ];

    /// <summary>Offline answers, decided by each request like a model would: look the order up, ask to refund it, report the tool's result.</summary>
    public static void Install(DeepInfraEmulator emulator) =>
        emulator.Responder = request =>
        {
            JsonElement last = request.Messages[^1];
            if (last.GetProperty("role").GetString() == "tool")
            {
                return EmulatorReply.Text(last.GetProperty("content").GetString() ?? string.Empty);
            }

            string text = request.LastUserText ?? string.Empty;
            if (OrderNumber().Match(text) is not { Success: true } order)
            {
                return EmulatorReply.Text("Hello! How can I help with your orders?");
            }

            string tool = text.Contains("refund", StringComparison.OrdinalIgnoreCase) ? "refund_order" : "get_order_status";
            return EmulatorReply.ToolCalls(new EmulatorToolCall(tool, $$"""{"order":{{order.Groups[1].Value}}}"""));
        };

    [GeneratedRegex(@"order (\d+)")]
    private static partial Regex OrderNumber();
}
