using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace SkDeepInfra.Reliability;

/// <summary>
/// Property-based fuzzing of everything that reads server output: JSON bodies and SSE streams generated from realistic
/// DeepInfra replies, then varied (valid) and damaged (truncation, cuts, byte flips, lines duplicated, deleted or swapped,
/// wrong JSON types, nulls, huge numbers, deep nesting, escapes, CRLF and CR, <c>data:</c> without a space, missing
/// <c>[DONE]</c>, unknown fields, error statuses, bodies over the limits, endless bodies). Each case either succeeds with
/// the right answer or throws <see cref="DeepInfraException"/>; never another type, never a hang, never an unbounded read.
/// </summary>
/// <remarks>
/// Two passes: a fixed corpus (seed <see cref="FixedSeed"/>, the same cases every run) and a random one through CsCheck,
/// which shrinks a failure and prints its seed ("Set seed: …"); set the <c>CsCheck_Seed</c> environment variable to
/// replay it. A fixed-corpus failure names its case seed: <c>FuzzGenerators.Case.Generate(PCG.Parse(seed), null, out _)</c>.
/// </remarks>
public sealed class ReplyFuzzTests(ITestOutputHelper output)
{
    public const string FixedSeed = "0000000000J1";
    public const int FixedCases = 8_000;
    public const int RandomCases = 4_000;

    [Fact]
    public async Task ReadReply_FixedSeedCorpus_RightAnswerOrDeepInfraException()
    {
        var stats = new FuzzStats();
        var failures = new ConcurrentQueue<string>();
        PCG root = PCG.Parse(FixedSeed);
        var stopwatch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, FixedCases), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, cancellationToken) =>
        {
            var pcg = new PCG(root.Stream, root.Seed + (ulong)i);
            string caseSeed = pcg.ToString();
            FuzzCase fuzzCase = FuzzGenerators.Case.Generate(pcg, null, out _);
            try
            {
                await FuzzHarness.RunAsync(fuzzCase, stats);
            }
            catch (Exception ex)
            {
                failures.Enqueue($"case seed {caseSeed}: {ex}");
            }
        });

        output.WriteLine($"fixed seed {FixedSeed}: {stats} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {FixedCases} cases failed; first:{Environment.NewLine}{failures.FirstOrDefault()}");
        Assert.Equal(FixedCases, stats.Total);
    }

    /// <summary>
    /// Truncation and a cut connection at every byte offset of three realistic replies, streamed and not: a stream is an
    /// error until its finish chunk has arrived and complete after it; a body is an error unless whole.
    /// </summary>
    [Fact]
    public async Task ReadReply_TruncatedOrCutAtEveryOffset_ErrorBeforeFinishChunkCompleteAfter()
    {
        ContentPiece[] text = [new("The Eiffel", false), new(" Tower is 330 m tall, é 😀", false), new(".", false), new("</", true), new("s>", true)];
        ReplySpec[] replies =
        [
            new("chatcmpl-a", 1694623354, Canned.Model, [], text, [], "stop", UsagePlacement.OnFinishChunk, 15, 16, 0.0000268, true, true),
            new("chatcmpl-b", 1694623354, Canned.Model, ["Think", " twice."], text, [], "length", UsagePlacement.TrailingChunk, 15, 16, 0.0000268, false, false),
            new("chatcmpl-c", 1694623354, Canned.Model, [], [], [new("call_1", "get_weather", "{\"city\":\"Paris\"}", ["{\"city\":", "\"Paris\"}"])], "tool_calls", UsagePlacement.OnFinishChunk, 40, 20, 0.00001, true, true),
        ];
        var stats = new FuzzStats();
        var cases = new List<FuzzCase>();
        foreach (ReplySpec reply in replies)
        {
            foreach (bool streaming in new[] { true, false })
            {
                var framing = new Framing("\n", false, false, false, false, false, false, DoneMarker.Present, false, EscapeStyle.Minimal, false, false, false, "text/event-stream", 4096);
                int length = FuzzRenderer.Render(new FuzzCase(reply, streaming, framing, [], 1)).Body!.Length;
                for (int offset = 0; offset <= length; offset++)
                {
                    double where = (offset + 0.5) / (length + 1);
                    cases.Add(new FuzzCase(reply, streaming, framing, [new Mutation(MutationKind.Truncate, where, 0)], 1));
                    cases.Add(new FuzzCase(reply, streaming, framing, [new Mutation(MutationKind.CutConnection, where, 0)], 1));
                }
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var failures = new ConcurrentQueue<Exception>();
        await Parallel.ForEachAsync(cases, async (fuzzCase, cancellationToken) =>
        {
            try
            {
                await FuzzHarness.RunAsync(fuzzCase, stats);
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        });

        output.WriteLine($"every offset: {stats} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} cases failed; first:{Environment.NewLine}{failures.FirstOrDefault()}");
    }

    [Fact]
    public async Task ReadReply_RandomSeed_RightAnswerOrDeepInfraException()
    {
        var stats = new FuzzStats();
        var stopwatch = Stopwatch.StartNew();

        await FuzzGenerators.Case.SampleAsync(
            fuzzCase => FuzzHarness.RunAsync(fuzzCase, stats),
            writeLine: output.WriteLine,
            iter: RandomCases,
            print: fuzzCase => fuzzCase.ToString());

        output.WriteLine($"random seed: {stats} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }
}
