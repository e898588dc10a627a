using System.Globalization;

namespace SkDeepInfra.Internal;

/// <summary>Every bound, from ChatOptions and from AdditionalProperties, checked before anything is sent.</summary>
public sealed class ParameterRangesTests
{
    [Theory]
    [InlineData("temperature", -0.1, "[0, 2]")]
    [InlineData("temperature", 2.1, "[0, 2]")]
    [InlineData("top_p", 0.0, "(0, 1]")]
    [InlineData("top_p", -0.5, "(0, 1]")]
    [InlineData("top_p", 1.1, "(0, 1]")]
    [InlineData("top_k", -1.0, "[0, 1000)")]
    [InlineData("top_k", 1000.0, "[0, 1000)")]
    [InlineData("max_tokens", -1.0, "[0, 1000000]")]
    [InlineData("max_tokens", 1000001.0, "[0, 1000000]")]
    [InlineData("presence_penalty", -2.5, "[-2, 2]")]
    [InlineData("presence_penalty", 2.5, "[-2, 2]")]
    [InlineData("frequency_penalty", -2.5, "[-2, 2]")]
    [InlineData("frequency_penalty", 2.5, "[-2, 2]")]
    public async Task ChatOptions_OutOfRange_ThrowsBeforeSending(string name, double value, string range)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        ArgumentOutOfRangeException ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => client.GetResponseAsync("Hi", TypedOptions(name, value)));

        AssertNamesValueAndRange(ex, name, value, range);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("temperature", 0.0)]
    [InlineData("temperature", 2.0)]
    [InlineData("top_p", 0.01)]
    [InlineData("top_p", 1.0)]
    [InlineData("top_k", 0.0)]
    [InlineData("top_k", 999.0)]
    [InlineData("max_tokens", 0.0)]
    [InlineData("max_tokens", 1000000.0)]
    [InlineData("presence_penalty", -2.0)]
    [InlineData("presence_penalty", 2.0)]
    [InlineData("frequency_penalty", -2.0)]
    [InlineData("frequency_penalty", 2.0)]
    public async Task ChatOptions_AtEdge_Sent(string name, double value)
    {
        JsonElement sent = await SentRequests.CaptureAsync(TypedOptions(name, value));

        Assert.Equal(value, sent.GetProperty(name).GetDouble());
    }

    [Theory]
    [InlineData("temperature", -0.1, "[0, 2]")]
    [InlineData("temperature", 2.1, "[0, 2]")]
    [InlineData("top_p", 0.0, "(0, 1]")]
    [InlineData("top_p", 1.1, "(0, 1]")]
    [InlineData("min_p", -0.1, "[0, 1]")]
    [InlineData("min_p", 1.1, "[0, 1]")]
    [InlineData("top_k", -1.0, "[0, 1000)")]
    [InlineData("top_k", 1000.0, "[0, 1000)")]
    [InlineData("max_tokens", -1.0, "[0, 1000000]")]
    [InlineData("max_tokens", 1000001.0, "[0, 1000000]")]
    [InlineData("presence_penalty", -2.5, "[-2, 2]")]
    [InlineData("presence_penalty", 2.5, "[-2, 2]")]
    [InlineData("frequency_penalty", -2.5, "[-2, 2]")]
    [InlineData("frequency_penalty", 2.5, "[-2, 2]")]
    [InlineData("repetition_penalty", 0.009, "[0.01, 5]")]
    [InlineData("repetition_penalty", 0.0, "[0.01, 5]")]
    [InlineData("repetition_penalty", 5.01, "[0.01, 5]")]
    public async Task AdditionalProperties_OutOfRange_ThrowsBeforeSending(string name, double value, string range)
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);
        var options = new ChatOptions { AdditionalProperties = new() { [name] = value } };

        ArgumentOutOfRangeException ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetResponseAsync("Hi", options));

        AssertNamesValueAndRange(ex, name, value, range);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("temperature", 0.0)]
    [InlineData("temperature", 2.0)]
    [InlineData("top_p", 1.0)]
    [InlineData("min_p", 0.0)]
    [InlineData("min_p", 1.0)]
    [InlineData("top_k", 0.0)]
    [InlineData("top_k", 999.0)]
    [InlineData("max_tokens", 0.0)]
    [InlineData("max_tokens", 1000000.0)]
    [InlineData("presence_penalty", -2.0)]
    [InlineData("presence_penalty", 2.0)]
    [InlineData("frequency_penalty", -2.0)]
    [InlineData("frequency_penalty", 2.0)]
    [InlineData("repetition_penalty", 0.01)]
    [InlineData("repetition_penalty", 5.0)]
    public async Task AdditionalProperties_AtEdge_Sent(string name, double value)
    {
        JsonElement sent = await SentRequests.CaptureAsync(new ChatOptions { AdditionalProperties = new() { [name] = value } });

        Assert.Equal(value, sent.GetProperty(name).GetDouble());
    }

    [Fact]
    public async Task ChatOptions_NaNTemperature_ThrowsBeforeSending()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        ArgumentOutOfRangeException ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => client.GetResponseAsync("Hi", new ChatOptions { Temperature = float.NaN }));

        Assert.Equal("temperature", ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ChatOptions_FloatJustAboveBound_MessageShowsDecimalValue()
    {
        var handler = new RecordingHandler().ReplyJson(Canned.Completion());
        using DeepInfraChatClient client = TestClients.Create(handler);

        ArgumentOutOfRangeException ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => client.GetResponseAsync("Hi", new ChatOptions { Temperature = 2.1f }));

        Assert.Contains("got 2.1.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2.1, ex.ActualValue);
    }

    private static ChatOptions TypedOptions(string name, double value) => name switch
    {
        "temperature" => new ChatOptions { Temperature = (float)value },
        "top_p" => new ChatOptions { TopP = (float)value },
        "top_k" => new ChatOptions { TopK = (int)value },
        "max_tokens" => new ChatOptions { MaxOutputTokens = (int)value },
        "presence_penalty" => new ChatOptions { PresencePenalty = (float)value },
        "frequency_penalty" => new ChatOptions { FrequencyPenalty = (float)value },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No typed ChatOptions member."),
    };

    private static void AssertNamesValueAndRange(ArgumentOutOfRangeException ex, string name, double value, string range)
    {
        Assert.Equal(name, ex.ParamName);
        Assert.Contains(range, ex.Message, StringComparison.Ordinal);
        Assert.Contains("got " + value.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }
}
