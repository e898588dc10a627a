using System.Text.Json.Nodes;

namespace SkDeepInfra.Reliability;

/// <summary>A <see cref="ReplySpec"/> as DeepInfra writes it: one <c>chat.completion</c> body, or the chunks of a stream.</summary>
public static class FuzzReplies
{
    /// <summary>The reply as DeepInfra sends it without streaming.</summary>
    public static JsonObject Completion(ReplySpec r)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(r.Content.Select(p => p.Text)) };
        if (r.Reasoning.Length > 0)
        {
            message["reasoning_content"] = r.ExpectedReasoning;
        }

        if (r.ToolCalls.Length > 0)
        {
            message["content"] = r.Content.Length == 0 ? null : message["content"]?.DeepClone();
            message["tool_calls"] = new JsonArray(r.ToolCalls.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = t.Name, ["arguments"] = t.Arguments },
            }).ToArray());
        }

        var root = new JsonObject
        {
            ["id"] = r.Id,
            ["object"] = "chat.completion",
            ["created"] = r.Created,
            ["model"] = r.Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = r.FinishReason }),
        };
        if (r.Usage != UsagePlacement.None)
        {
            root["usage"] = Usage(r);
        }

        return root;
    }

    /// <summary>The reply as DeepInfra streams it, with its quirks; <c>[DONE]</c> is added by the framing.</summary>
    public static List<JsonNode> Chunks(ReplySpec r)
    {
        var chunks = new List<JsonNode>();
        if (!r.RepeatRole)
        {
            chunks.Add(Chunk(r, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        }

        foreach (string piece in r.Reasoning)
        {
            chunks.Add(Chunk(r, Delta(r, "reasoning_content", piece), null));
        }

        foreach (ContentPiece piece in r.Content)
        {
            chunks.Add(Chunk(r, Delta(r, "content", piece.Text), null));
        }

        for (int i = 0; i < r.ToolCalls.Length; i++)
        {
            ToolCallSpec call = r.ToolCalls[i];
            var start = new JsonObject
            {
                ["index"] = i,
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
            };
            chunks.Add(Chunk(r, WithRole(r, new JsonObject { ["tool_calls"] = new JsonArray(start) }), null));
            foreach (string piece in call.ArgumentPieces)
            {
                var fragment = new JsonObject { ["index"] = i, ["function"] = new JsonObject { ["arguments"] = piece } };
                chunks.Add(Chunk(r, WithRole(r, new JsonObject { ["tool_calls"] = new JsonArray(fragment) }), null));
            }
        }

        JsonObject finish = Chunk(r, new JsonObject(), r.FinishReason);
        if (r.Usage == UsagePlacement.OnFinishChunk)
        {
            finish["usage"] = Usage(r);
        }

        chunks.Add(finish);
        if (r.Usage == UsagePlacement.TrailingChunk)
        {
            chunks.Add(new JsonObject
            {
                ["id"] = r.Id,
                ["object"] = "chat.completion.chunk",
                ["created"] = r.Created,
                ["model"] = r.Model,
                ["choices"] = new JsonArray(),
                ["usage"] = Usage(r),
            });
        }

        return chunks;
    }

    private static JsonObject Chunk(ReplySpec r, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = r.Id,
        ["object"] = "chat.completion.chunk",
        ["created"] = r.Created,
        ["model"] = r.Model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static JsonObject Delta(ReplySpec r, string field, string text)
    {
        JsonObject delta = WithRole(r, new JsonObject { [field] = text });
        if (r.NullToolCalls)
        {
            delta["tool_calls"] = null;
        }

        return delta;
    }

    private static JsonObject WithRole(ReplySpec r, JsonObject delta)
    {
        if (r.RepeatRole)
        {
            delta["role"] = "assistant";
        }

        return delta;
    }

    private static JsonObject Usage(ReplySpec r) => new()
    {
        ["prompt_tokens"] = r.PromptTokens,
        ["completion_tokens"] = r.CompletionTokens,
        ["total_tokens"] = r.PromptTokens + r.CompletionTokens,
        ["estimated_cost"] = r.Cost,
    };
}
