namespace SkDeepInfra;

/// <summary>
/// Keys DeepInfra understands in <c>ChatOptions.AdditionalProperties</c>, and the key under which replies carry
/// DeepInfra's estimated cost in <c>ChatResponse.AdditionalProperties</c> and <c>ChatResponseUpdate.AdditionalProperties</c>.
/// </summary>
public static class DeepInfraPropertyNames
{
    /// <summary>
    /// <c>estimated_cost</c>: the request's cost in USD, as a <see cref="double"/>, on replies (and on
    /// <c>GeneratedEmbeddings.AdditionalProperties</c>, summed over the generator's requests).
    /// </summary>
    public const string EstimatedCost = "estimated_cost";

    /// <summary><c>min_p</c>: minimum token probability relative to the most likely token, in [0, 1].</summary>
    public const string MinP = "min_p";

    /// <summary><c>repetition_penalty</c>: multiplicative repetition penalty, in [0.01, 5].</summary>
    public const string RepetitionPenalty = "repetition_penalty";

    /// <summary><c>reasoning_effort</c>: for reasoning models, e.g. <c>"low"</c>, <c>"medium"</c>, <c>"high"</c>.</summary>
    public const string ReasoningEffort = "reasoning_effort";

    /// <summary><c>user</c>: an opaque end-user identifier for abuse monitoring (hash it).</summary>
    public const string User = "user";
}
