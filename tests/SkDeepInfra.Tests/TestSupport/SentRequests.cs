using System.Text.Json.Nodes;

namespace SkDeepInfra.TestSupport;

/// <summary>Helpers for asserting on the JSON a client sent through a <see cref="RecordingHandler"/>.</summary>
public static class SentRequests
{
    /// <summary>Sends <paramref name="messages"/> through a client over a handler that answers <see cref="Canned.Completion"/>, and returns the JSON sent.</summary>
    public static async Task<JsonElement> CaptureAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        await client.GetResponseAsync(messages, options);
        return handler.SingleJson();
    }

    /// <summary>Sends one user message "Hi" with <paramref name="options"/> and returns the JSON sent.</summary>
    public static Task<JsonElement> CaptureAsync(ChatOptions? options) => CaptureAsync([new ChatMessage(ChatRole.User, "Hi")], options);

    /// <summary>The body of the only request sent, parsed.</summary>
    public static JsonElement SingleJson(this RecordingHandler handler) => Assert.Single(handler.Requests).Json;

    /// <summary>Asserts two JSON texts are equal as JSON (member order inside objects ignored, array order kept).</summary>
    public static void Equal(string expectedJson, JsonElement actual)
    {
        JsonNode? expected = JsonNode.Parse(expectedJson);
        JsonNode? got = JsonNode.Parse(actual.GetRawText());
        Assert.True(JsonNode.DeepEquals(expected, got), $"Expected JSON{Environment.NewLine}{expected?.ToJsonString()}{Environment.NewLine}but got{Environment.NewLine}{got?.ToJsonString()}");
    }

    /// <summary>The names of an object's members, in order.</summary>
    public static string[] MemberNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>Asserts that no member anywhere in <paramref name="element"/> holds JSON null.</summary>
    public static void NoNulls(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Assert.True(property.Value.ValueKind != JsonValueKind.Null, $"'{property.Name}' is null in {element.GetRawText()}");
                    NoNulls(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    NoNulls(item);
                }

                break;
        }
    }
}
