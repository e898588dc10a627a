using System.Collections.Concurrent;

namespace SkDeepInfra.Agents.TestSupport;

/// <summary>A tool that needs approval next to one that does not.</summary>
internal sealed class RefundTools
{
    public ConcurrentQueue<int> Refunded { get; } = new();

    public AIFunction Refund => new ApprovalRequiredAIFunction(AIFunctionFactory.Create(
        (int order) =>
        {
            Refunded.Enqueue(order);
            return $"Refunded order {order}.";
        },
        "refund_order",
        "Refunds an order. Needs a human's approval."));

    public AIFunction Status => AIFunctionFactory.Create((int order) => $"Order {order}: delivered.", "get_order_status", "Gets an order's status.");

    public AITool[] All => [Refund, Status];
}
