using System.ComponentModel;

namespace SkDeepInfra.Internal;

public sealed class ToolMapperTests
{
    private static readonly AIFunction s_weather = AIFunctionFactory.Create(
        ([Description("The city")] string city) => "Sunny in " + city,
        "get_weather",
        "Gets the current weather.");

    private static readonly AIFunction s_time = AIFunctionFactory.Create(() => "12:00", "get_time", "Gets the time.");

    [Fact]
    public async Task Apply_AIFunction_SendsFunctionDefinition()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [s_weather] });

        JsonElement tool = Assert.Single(sent.GetProperty("tools").EnumerateArray());
        Assert.Equal(["type", "function"], SentRequests.MemberNames(tool));
        Assert.Equal("function", tool.GetProperty("type").GetString());
        JsonElement function = tool.GetProperty("function");
        Assert.Equal("get_weather", function.GetProperty("name").GetString());
        Assert.Equal("Gets the current weather.", function.GetProperty("description").GetString());
        SentRequests.Equal(s_weather.JsonSchema.GetRawText(), function.GetProperty("parameters"));
        Assert.Equal("string", function.GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Apply_ToolModeUnset_OmitsToolChoiceAndParallelToolCalls()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [s_weather] });

        Assert.False(sent.TryGetProperty("tool_choice", out _));
        Assert.False(sent.TryGetProperty("parallel_tool_calls", out _));
    }

    [Fact]
    public async Task Apply_ToolModeAuto_SendsAuto()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [s_weather, s_time], ToolMode = ChatToolMode.Auto });

        Assert.Equal("auto", sent.GetProperty("tool_choice").GetString());
        Assert.Equal(2, sent.GetProperty("tools").GetArrayLength());
    }

    [Fact]
    public async Task Apply_ToolModeNone_SendsNoneAndStillListsTools()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [s_weather, s_time], ToolMode = ChatToolMode.None });

        Assert.Equal("none", sent.GetProperty("tool_choice").GetString());
        Assert.Equal(["get_weather", "get_time"], ToolNames(sent));
    }

    [Fact]
    public async Task Apply_RequireAny_SendsRequired()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [s_weather, s_time], ToolMode = ChatToolMode.RequireAny });

        Assert.Equal("required", sent.GetProperty("tool_choice").GetString());
        Assert.Equal(["get_weather", "get_time"], ToolNames(sent));
    }

    [Fact]
    public async Task Apply_RequireSpecific_ListsOnlyThatToolAndSendsRequired()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [s_weather, s_time], ToolMode = ChatToolMode.RequireSpecific("get_time") });

        Assert.Equal("required", sent.GetProperty("tool_choice").GetString());
        Assert.Equal(["get_time"], ToolNames(sent));
    }

    [Fact]
    public async Task Apply_RequireSpecificUnknownName_ThrowsArgumentException()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        var options = new ChatOptions { Tools = [s_weather], ToolMode = ChatToolMode.RequireSpecific("get_stock_price") };

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("Hi", options));

        Assert.Contains("get_stock_price", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public async Task Apply_AllowMultipleToolCalls_SendsParallelToolCalls(bool allow, string expected)
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [s_weather], AllowMultipleToolCalls = allow });

        Assert.Equal(expected, sent.GetProperty("parallel_tool_calls").GetRawText());
    }

    [Fact]
    public async Task Apply_ToolModeWithoutTools_OmitsToolMembers()
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [], ToolMode = ChatToolMode.Auto, AllowMultipleToolCalls = true });

        Assert.Equal(["model", "messages"], SentRequests.MemberNames(sent));
    }

    [Fact]
    public async Task Apply_NonFunctionTool_ThrowsNotSupported()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        var options = new ChatOptions { Tools = [new HostedWebSearchTool()] };

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync("Hi", options));

        Assert.Contains(nameof(HostedWebSearchTool), ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Apply_FunctionWithoutDescription_OmitsDescription()
    {
        AIFunction bare = AIFunctionFactory.Create(() => 1, "one");

        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { Tools = [bare] });

        JsonElement function = sent.GetProperty("tools")[0].GetProperty("function");
        Assert.False(function.TryGetProperty("description", out _));
        SentRequests.NoNulls(sent);
    }

    private static string[] ToolNames(JsonElement sent) =>
        [.. sent.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)];
}
