using SkDeepInfra.Soak;
using Xunit.Abstractions;

namespace SkDeepInfra.Reliability;

/// <summary>
/// The short soak: a few hundred concurrent streaming calls (and some without streaming) on one client over loopback,
/// each checked for exactly its own text. The full soak is the console program in tests/SkDeepInfra.Soak.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DeepInfraChatClient_300ConcurrentCallsOverLoopback_NoFailures()
    {
        var options = new SoakOptions { Calls = 300, Concurrency = 300, TextLength = 200, ChunkSize = 8, ChunkDelay = TimeSpan.FromMilliseconds(2), NonStreamingShare = 0.1 };

        SoakResult result = await SoakRunner.RunAsync(options).WaitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine(result.ToString());
        Assert.True(result.FailureCount == 0, string.Join(Environment.NewLine, result.Failures.Take(5)));
        Assert.Equal(300, result.Succeeded);
        Assert.True(result.Events >= 300 * 200 / 8 * 0.9, $"only {result.Events} updates");
    }
}
