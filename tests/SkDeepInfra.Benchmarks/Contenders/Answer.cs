namespace SkDeepInfra.Benchmarks.Contenders;

/// <summary>What a caller gets back, normalized so every contender's reply can be checked against the bytes served.</summary>
internal sealed record Answer(string Text, long? InputTokens, long? OutputTokens, double? Cost)
{
    /// <summary>Throws unless this answer has the expected text and usage; cost is compared when the contender surfaces it.</summary>
    public void ShouldMatch(Answer expected, string contender, bool surfacesCost)
    {
        if (Text != expected.Text || InputTokens != expected.InputTokens || OutputTokens != expected.OutputTokens || (surfacesCost && Cost != expected.Cost))
        {
            throw new InvalidOperationException(
                $"{contender} answered {Describe(this)}; expected {Describe(expected)}.");
        }
    }

    private static string Describe(Answer a) =>
        $"text of {a.Text.Length} chars starting '{a.Text[..Math.Min(40, a.Text.Length)]}', usage {a.InputTokens}/{a.OutputTokens}, cost {a.Cost}";
}
