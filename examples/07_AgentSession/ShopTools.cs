using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Examples;

/// <summary>A shop's tools: looking an order up is free, a refund needs a human's approval.</summary>
internal static class ShopTools
{
    public static AITool[] All =>
    [
        AIFunctionFactory.Create(OrderStatus, "get_order_status", "Gets an order's status and amount."),
        new ApprovalRequiredAIFunction(AIFunctionFactory.Create(Refund, "refund_order", "Refunds an order in full. A manager must approve it.")),
    ];

    private static string OrderStatus([Description("The order number.")] int order) =>
        order == 1042 ? "Order 1042: delivered 2 days ago, 59.90 EUR, reported broken." : $"Order {order}: delivered 40 days ago, 12.00 EUR.";

    private static string Refund([Description("The order number.")] int order, [Description("Why the customer wants a refund.")] string reason)
    {
        Console.WriteLine($"  (tool ran: refunded order {order}, reason: {reason})");
        return $"Refunded order {order}: the money is back on the customer's card within 5 days.";
    }
}
