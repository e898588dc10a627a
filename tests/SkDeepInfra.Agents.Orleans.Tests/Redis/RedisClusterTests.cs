using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkDeepInfra.Agents.Orleans.Redis;

/// <summary>Two app instances (silo processes) clustered and stored through a real Redis server; one is killed mid-run.</summary>
[Trait("Category", "Redis")]
public sealed class RedisClusterTests
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [RedisFact]
    public async Task SendAsync_InstanceKilledMidRun_ConversationsContinueOnTheOtherWithNothingLost()
    {
        string redis = RedisFactAttribute.RequiredAddress;
        string run = Guid.NewGuid().ToString("N")[..8];
        string[] ids = Enumerable.Range(0, 8).Select(i => $"kill-{run}-{i}").ToArray();
        await using SiloProcess doomed = await SiloProcess.StartAsync(redis);
        await using SiloProcess survivor = await SiloProcess.StartAsync(redis);

        // Two completed runs per conversation, through both instances.
        foreach (string id in ids)
        {
            Assert.Equal("Completed", (await Post(doomed, id, "Where is my order 1042?")).GetProperty("status").GetString());
            Assert.Equal(6, (await Post(survivor, id, "Hello again")).GetProperty("messageCount").GetInt32());
        }

        // Runs in flight on the doomed instance when it dies.
        Task<HttpResponseMessage>[] inFlight = ids.Select(id => doomed.Http.PostAsJsonAsync($"conversations/{id}/messages", new { text = "Where is my order 7?" })).ToArray();
        await Task.Delay(30);
        doomed.Kill();
        int finished = 0;
        foreach (Task<HttpResponseMessage> request in inFlight)
        {
            try
            {
                finished += (await request).IsSuccessStatusCode ? 1 : 0;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
        }

        foreach (string id in ids)
        {
            JsonElement reply = await PostUntilServed(survivor, id, "Thanks, that's all.");
            JsonElement conversation = await (await survivor.Http.GetAsync($"conversations/{id}")).Content.ReadFromJsonAsync<JsonElement>(s_json);
            string[] messages = conversation.GetProperty("messages").EnumerateArray().Select(m => $"{m.GetProperty("role").GetString()}: {m.GetProperty("text").GetString()}").ToArray();

            // The two completed runs, whole and in order; then the killed run, whole or not at all; then the new one.
            Assert.Equal(
                ["user: Where is my order 1042?", "assistant: [tool call get_order_status]", "tool: [tool result Order 1042 shipped yesterday and arrives on Friday.]",
                 "assistant: Order 1042 shipped yesterday and arrives on Friday.", "user: Hello again", "assistant: Hello! How can I help with your orders?"],
                messages[..6]);
            Assert.True(messages.Length is 8 or 12, string.Join(" | ", messages));
            if (messages.Length == 12)
            {
                Assert.Equal(["user: Where is my order 7?", "assistant: [tool call get_order_status]"], messages[6..8]);
            }

            Assert.Equal(["user: Thanks, that's all.", "assistant: Hello! How can I help with your orders?"], messages[^2..]);
            Assert.Equal(messages.Length, reply.GetProperty("messageCount").GetInt32());
        }

        Assert.InRange(finished, 0, ids.Length);
    }

    private static async Task<JsonElement> Post(SiloProcess silo, string id, string text)
    {
        HttpResponseMessage response = await silo.Http.PostAsJsonAsync($"conversations/{id}/messages", new { text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(s_json);
    }

    /// <summary>Until the cluster has declared the killed silo dead, its conversations cannot re-activate: retry, bounded.</summary>
    private static async Task<JsonElement> PostUntilServed(SiloProcess silo, string id, string text)
    {
        string last = string.Empty;
        for (int attempt = 0; attempt < 60; attempt++)
        {
            HttpResponseMessage response = await silo.Http.PostAsJsonAsync($"conversations/{id}/messages", new { text });
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>(s_json);
            }

            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(1000);
        }

        Assert.Fail($"Conversation {id} was not served after the kill: {last}");
        return default;
    }
}
