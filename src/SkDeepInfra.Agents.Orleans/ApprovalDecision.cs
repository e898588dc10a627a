using System;
using Orleans;

namespace SkDeepInfra.Agents.Orleans;

/// <summary>A person's answer to a <see cref="PendingApproval"/>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SkDeepInfra.Agents.Orleans.ApprovalDecision")]
public sealed class ApprovalDecision
{
    /// <summary>Initializes a new instance of the <see cref="ApprovalDecision"/> class.</summary>
    /// <param name="requestId">The <see cref="PendingApproval.RequestId"/> answered.</param>
    /// <param name="approved">Whether the tool may run.</param>
    /// <param name="reason">Why, told to the model (optional).</param>
    /// <exception cref="ArgumentException"><paramref name="requestId"/> is null or empty.</exception>
    public ApprovalDecision(string requestId, bool approved, string? reason = null)
    {
        RequestId = string.IsNullOrEmpty(requestId) ? throw new ArgumentException("The approval request id is required.", nameof(requestId)) : requestId;
        Approved = approved;
        Reason = reason;
    }

    /// <summary>Gets the id of the approval request answered.</summary>
    [Id(0)]
    public string RequestId { get; }

    /// <summary>Gets a value indicating whether the tool may run.</summary>
    [Id(1)]
    public bool Approved { get; }

    /// <summary>Gets why, as told to the model; <see langword="null"/> for no reason.</summary>
    [Id(2)]
    public string? Reason { get; }
}
