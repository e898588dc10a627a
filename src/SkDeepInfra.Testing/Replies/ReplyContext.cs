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
        EndMarker = (options.PersonaFor(Model) ?? EmulatorPersona.ForModel(Model))?.EndMarker ?? "</s>";
    }

    public string Id { get; } = "chatcmpl-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..24];

    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public EmulatorRequest Request { get; }

    public string Model { get; }

    public EmulatorStreamQuirks Quirks { get; }

    public string FinishReason { get; }

    /// <summary>The end-of-sequence token of the model's family, sent before a stream's finish chunk.</summary>
    public string EndMarker { get; }

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
