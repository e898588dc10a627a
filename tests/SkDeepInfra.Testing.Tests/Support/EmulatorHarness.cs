using System.Text;
using System.Text.Json;

namespace SkDeepInfra.Testing;

/// <summary>An emulator plus a plain <see cref="HttpClient"/> reaching it in-process or over loopback.</summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    public const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo";

    private EmulatorHarness(DeepInfraEmulator emulator, HttpClient client)
    {
        Emulator = emulator;
        Client = client;
    }

    public DeepInfraEmulator Emulator { get; }

    public HttpClient Client { get; }

    public static async Task<EmulatorHarness> CreateAsync(Transport transport = Transport.InProcess, DeepInfraEmulatorOptions? options = null)
    {
        var emulator = new DeepInfraEmulator(options);
        if (transport == Transport.InProcess)
        {
            return new EmulatorHarness(emulator, emulator.CreateHttpClient());
        }

        await emulator.StartAsync();
        return new EmulatorHarness(emulator, new HttpClient { BaseAddress = emulator.Endpoint });
    }

    /// <summary>A minimal valid body with one user message, plus any extra top-level members (JSON text without braces).</summary>
    public static string Body(string userText = "Hello!", string extra = "")
    {
        string tail = extra.Length == 0 ? string.Empty : "," + extra;
        return $$"""{"model":"{{Model}}","messages":[{"role":"user","content":{{JsonSerializer.Serialize(userText)}}}]{{tail}}}""";
    }

    public static string StreamBody(string userText = "Hello!", bool includeUsage = false, string extra = "")
    {
        string usage = includeUsage ? ""","stream_options":{"include_usage":true}""" : string.Empty;
        string tail = extra.Length == 0 ? string.Empty : "," + extra;
        return Body(userText, "\"stream\":true" + usage + tail);
    }

    public Task<HttpResponseMessage> PostAsync(
        string json,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        string path = "chat/completions",
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return Client.SendAsync(request, completion, cancellationToken);
    }

    /// <summary>Posts and returns status and parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> PostForJsonAsync(string json, string path = "chat/completions")
    {
        using HttpResponseMessage response = await PostAsync(json, path: path);
        return await ReadJsonAsync(response);
    }

    /// <summary>Gets and returns status and parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> GetForJsonAsync(string path)
    {
        using HttpResponseMessage response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadJsonAsync(response);
    }

    private static async Task<(int Status, JsonElement Body)> ReadJsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        using JsonDocument document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
