namespace SkDeepInfra.Internal;

/// <summary>
/// Splits a reply that starts with <c>&lt;think&gt;…&lt;/think&gt;</c> (after white space) into its reasoning and its answer;
/// <c>&lt;think&gt;</c> anywhere else is text. A reply cut before <c>&lt;/think&gt;</c> is all reasoning. The white space
/// that starts the reasoning and the answer is dropped.
/// </summary>
internal static class InlineReasoning
{
    public const string Open = "<think>";
    public const string Close = "</think>";

    public static bool TrySplit(string? content, out string reasoning, out string answer)
    {
        reasoning = string.Empty;
        answer = content ?? string.Empty;
        if (content is null || content.IndexOf(Open, System.StringComparison.Ordinal) < 0)
        {
            return false;
        }

        string trimmed = content.TrimStart();
        if (!trimmed.StartsWith(Open, System.StringComparison.Ordinal))
        {
            return false;
        }

        string body = trimmed.Substring(Open.Length);
        int close = body.IndexOf(Close, System.StringComparison.Ordinal);
        reasoning = (close < 0 ? body : body.Substring(0, close)).TrimStart();
        answer = close < 0 ? string.Empty : body.Substring(close + Close.Length).TrimStart();
        return true;
    }
}
