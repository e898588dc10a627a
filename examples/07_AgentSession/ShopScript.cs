using System.Text.Json;
using SkDeepInfra.Testing;

namespace SkDeepInfra.Examples;

/// <summary>What the emulated model does, computed from each request like a model would.</summary>
internal static class ShopScript
{
    public static void Install(DeepInfraEmulator emulator) => emulator.Responder = Reply;

    private static EmulatorReply Reply(EmulatorRequest request)
    {
        JsonElement last = request.Messages[^1];
        string text = last.TryGetProperty("content", out JsonElement content) ? content.GetString() ?? string.Empty : string.Empty;
        if (last.GetProperty("role").GetString() == "user")
        {
            return text.Contains("2001", StringComparison.Ordinal)
                ? EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", """{"order":2001,"reason":"changed my mind"}""", "call_refund_2001"))
                : EmulatorReply.ToolCalls(new EmulatorToolCall("get_order_status", """{"order":1042}""", "call_status_1042"));
        }

        if (text.StartsWith("Order 1042", StringComparison.Ordinal))
        {
            return EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", """{"order":1042,"reason":"arrived broken"}""", "call_refund_1042"));
        }

        return text.StartsWith("Refunded order 1042", StringComparison.Ordinal)
            ? EmulatorReply.Text("Order 1042 is refunded: 59.90 EUR goes back to your card within 5 days. Sorry it arrived broken!")
            : EmulatorReply.Text("I can't refund order 2001: a manager declined it, as it was delivered more than 30 days ago.");
    }
}
