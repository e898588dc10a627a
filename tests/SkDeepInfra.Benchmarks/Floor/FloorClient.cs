using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SkDeepInfra.Benchmarks.Floor;

/// <summary>
/// The floor: a plain <see cref="HttpClient"/>, source-generated System.Text.Json for the request and the reply, and
/// <see cref="SseParser"/> with a <see cref="Utf8JsonReader"/> pass per event. No retries, no validation, no mapping.
/// </summary>
internal sealed class FloorClient(HttpClient http, Uri chatCompletionsUri, string apiKey)
{
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", apiKey);
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    public async Task<FloorResponse> CompleteAsync(FloorRequest body, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await SendAsync(body, cancellationToken);
        await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, FloorJsonContext.Default.FloorResponse, cancellationToken)
            ?? throw new InvalidOperationException("An empty reply.");
    }

    public async IAsyncEnumerable<FloorDelta> StreamAsync(FloorRequest body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await SendAsync(body, cancellationToken);
        await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (SseItem<FloorDelta> item in SseParser.Create(stream, FloorDelta.Parse).EnumerateAsync(cancellationToken))
        {
            if (item.Data.Done)
            {
                yield break;
            }

            yield return item.Data;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(FloorRequest body, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, FloorJsonContext.Default.FloorRequest));
        content.Headers.ContentType = s_json;
        using var request = new HttpRequestMessage(HttpMethod.Post, chatCompletionsUri) { Content = content };
        request.Headers.Authorization = _authorization;
        HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
