using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// The streaming half of <see cref="ToolCallRecoveryChatClient"/>. Updates pass through at once unless the reply's text
/// starts like a tool call in one of the recovered formats (<see cref="TextToolCallParser.StartsLikeToolCall"/>): then they are held to the end of the stream, where
/// they are either released unchanged (prose after all) or released with the text replaced by the recovered calls.
/// Updates without text that arrive before any text (reasoning, usage) are never held.
/// </summary>
internal static class StreamingToolCallRecovery
{
    public static async IAsyncEnumerable<ChatResponseUpdate> RecoverAsync(
        IAsyncEnumerable<ChatResponseUpdate> updates, IList<AITool> tools, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var held = new List<ChatResponseUpdate>();
        var text = new StringBuilder();
        bool passThrough = false;
        bool startsLikeToolCall = false;
        await foreach (ChatResponseUpdate update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (passThrough)
            {
                yield return update;
                continue;
            }

            bool hasCall = update.Contents.Any(c => c is FunctionCallContent);
            string updateText = TextOf(update);
            if (!hasCall && updateText.Length == 0 && held.Count == 0)
            {
                yield return update;
                continue;
            }

            held.Add(update);
            text.Append(updateText);
            if (!hasCall && !startsLikeToolCall)
            {
                // Look at the start again only until it starts like a tool call: no later text changes that.
                string start = text.ToString().TrimStart();
                startsLikeToolCall = TextToolCallParser.StartsLikeToolCall(start);
                passThrough = !TextToolCallParser.CouldStartToolCall(start);
            }

            if (hasCall || passThrough)
            {
                // Real tool calls from the service, or prose: nothing to recover.
                passThrough = true;
                foreach (ChatResponseUpdate release in held)
                {
                    yield return release;
                }

                held.Clear();
            }
        }

        if (held.Count == 0)
        {
            yield break;
        }

        IReadOnlyList<FunctionCallContent>? calls = TextToolCallParser.TryParse(text.ToString(), ToolCallRecoveryChatClient.FunctionNames(tools));
        if (calls is not null)
        {
            Log.ToolCallsRecovered(logger, calls.Count, string.Join(", ", calls.Select(c => c.Name)));
        }

        foreach (ChatResponseUpdate release in calls is null ? held : Replace(held, calls))
        {
            yield return release;
        }
    }

    private static string TextOf(ChatResponseUpdate update)
    {
        string text = string.Empty;
        StringBuilder? joined = null;
        foreach (AIContent content in update.Contents)
        {
            if (content is not TextContent { Text: { Length: > 0 } part })
            {
                continue;
            }

            if (text.Length == 0)
            {
                text = part;
            }
            else
            {
                (joined ??= new StringBuilder(text)).Append(part);
            }
        }

        return joined?.ToString() ?? text;
    }

    /// <summary>Puts the calls where the text began, drops the text, and marks the reply as finished for tool calls.</summary>
    private static IEnumerable<ChatResponseUpdate> Replace(List<ChatResponseUpdate> held, IReadOnlyList<FunctionCallContent> calls)
    {
        bool placed = false;
        foreach (ChatResponseUpdate update in held)
        {
            var contents = new List<AIContent>(update.Contents.Count);
            foreach (AIContent content in update.Contents)
            {
                if (content is not TextContent)
                {
                    contents.Add(content);
                }
                else if (!placed)
                {
                    contents.AddRange(calls);
                    placed = true;
                }
            }

            update.Contents = contents;
            if (update.FinishReason == ChatFinishReason.Stop)
            {
                update.FinishReason = ChatFinishReason.ToolCalls;
            }

            if (contents.Count > 0 || update.FinishReason is not null || update.AdditionalProperties is { Count: > 0 })
            {
                yield return update;
            }
        }
    }
}
