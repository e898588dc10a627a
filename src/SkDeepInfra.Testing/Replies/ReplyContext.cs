using System;
using System.Globalization;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Everything a completion reply needs besides the reply itself: ids, model, usage and quirks.</summary>
internal sealed class ReplyContext
{
    private ReplyContext(EmulatorRequest request, EmulatorReply reply, DeepInfraEmulatorOptions options)
    {
        Request = request;
        Model = request.Model ?? "unknown";
        Quirks = reply.Quirks ?? options.Quirks;
        FinishReason = reply.FinishReason ?? (reply.Calls.Count > 0 ? "tool_calls" : "stop");
        Usage = reply.OmitUsage ? null : UsageOf(request, reply, options.PriceOf(Model));
    }

    public string Id { get; } = "chatcmpl-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..24];

    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public EmulatorRequest Request { get; }

    public string Model { get; }

    public EmulatorStreamQuirks Quirks { get; }

    public string FinishReason { get; }

    public WireUsage? Usage { get; }

    public static ReplyContext Create(EmulatorRequest request, EmulatorReply reply, DeepInfraEmulatorOptions options) =>
        new(request, reply, options);

    private static WireUsage UsageOf(EmulatorRequest request, EmulatorReply reply, EmulatorModelPrice price)
    {
        int prompt = reply.Usage?.PromptTokens ?? TokenEstimator.PromptTokens(request);
        int completion = reply.Usage?.CompletionTokens ?? TokenEstimator.CompletionTokens(reply);
        return new WireUsage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = prompt + completion,
            EstimatedCost = reply.Usage?.EstimatedCost ?? price.EstimateCost(prompt, completion),
        };
    }
}
