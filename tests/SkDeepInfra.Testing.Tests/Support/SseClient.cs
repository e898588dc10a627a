using System.Text;
using System.Text.Json;

namespace SkDeepInfra.Testing;

/// <summary>A deliberately small SSE reader for tests: collects each event's <c>data:</c> payload.</summary>
internal static class SseClient
{
    public static async Task<List<string>> ReadPayloadsAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var payloads = new List<string>();
        await ReadAsync(response, payloads, cancellationToken: cancellationToken);
        return payloads;
    }

    /// <summary>Reads events into <paramref name="payloads"/> as they arrive, so a test still sees them after a failure.</summary>
    public static async Task ReadAsync(
        HttpResponseMessage response,
        List<string> payloads,
        Action<string>? onPayload = null,
        CancellationToken cancellationToken = default)
    {
        await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    payloads.Add(data.ToString());
                    onPayload?.Invoke(payloads[^1]);
                    data.Clear();
                }

                continue;
            }

            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line, 6, line.Length - 6);
            }
        }
    }

    /// <summary>Parses every payload but <c>[DONE]</c>.</summary>
    public static List<JsonElement> Chunks(IEnumerable<string> payloads)
    {
        var chunks = new List<JsonElement>();
        foreach (string payload in payloads)
        {
            if (payload != "[DONE]")
            {
                using JsonDocument document = JsonDocument.Parse(payload);
                chunks.Add(document.RootElement.Clone());
            }
        }

        return chunks;
    }

    public static JsonElement Delta(JsonElement chunk) => chunk.GetProperty("choices")[0].GetProperty("delta");

    /// <summary>Concatenates <c>delta.content</c> over the chunks.</summary>
    public static string Content(IEnumerable<JsonElement> chunks, string field = "content")
    {
        var text = new StringBuilder();
        foreach (JsonElement chunk in chunks)
        {
            if (chunk.GetProperty("choices").GetArrayLength() > 0
                && Delta(chunk).TryGetProperty(field, out JsonElement piece)
                && piece.ValueKind == JsonValueKind.String)
            {
                text.Append(piece.GetString());
            }
        }

        return text.ToString();
    }
}
