using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkDeepInfra.Agents.Orleans.TestSupport;

/// <summary>
/// The emulator's answers, decided by each request alone (tests run concurrently on one emulator): after a tool result
/// it reports the result; "refund order N" calls the approval-gated refund tool; "costly …" answers with a usage that
/// costs <see cref="CostlyCallUsd"/>; anything else is echoed ("You said: …").
/// </summary>
public static partial class ScriptedModel
{
    public const decimal CostlyCallUsd = 0.0001m;

    public static EmulatorReply? Reply(EmulatorRequest request)
    {
        JsonElement last = request.Messages[^1];
        if (last.GetProperty("role").GetString() == "tool")
        {
            return EmulatorReply.Text("Done: " + last.GetProperty("content").GetString());
        }

        string text = request.LastUserText ?? string.Empty;
        if (RefundPattern().Match(text) is { Success: true } refund)
        {
            int order = int.Parse(refund.Groups[1].Value, CultureInfo.InvariantCulture);
            return EmulatorReply.ToolCalls(new EmulatorToolCall("refund_order", $$"""{"order":{{order}}}"""));
        }

        return text.StartsWith("costly", StringComparison.Ordinal)
            ? EmulatorReply.Text("Costly answer to: " + text).WithUsage(40, 10, CostlyCallUsd)
            : null;
    }

    [GeneratedRegex(@"^refund order (\d+)")]
    private static partial Regex RefundPattern();
}
