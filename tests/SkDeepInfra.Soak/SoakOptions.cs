using System.Globalization;

namespace SkDeepInfra.Soak;

/// <summary>What a soak run does: how many streaming calls, how many at once, and what each reply looks like.</summary>
public sealed record SoakOptions
{
    /// <summary>Calls in total.</summary>
    public int Calls { get; init; } = 1000;

    /// <summary>Calls in flight at once; equal to <see cref="Calls"/> means all start together.</summary>
    public int Concurrency { get; init; } = 1000;

    /// <summary>Characters of assistant text per reply.</summary>
    public int TextLength { get; init; } = 400;

    /// <summary>Characters per streamed event.</summary>
    public int ChunkSize { get; init; } = 8;

    /// <summary>The emulator's pause between events, as a model generating tokens.</summary>
    public TimeSpan ChunkDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Share of calls made without streaming, in [0, 1].</summary>
    public double NonStreamingShare { get; init; }

    /// <summary>Kestrel on 127.0.0.1 (real sockets, the library's shared HttpClient) or the emulator's in-process handler.</summary>
    public bool Loopback { get; init; } = true;

    /// <summary>A server to call instead of an emulator in this process (for example a second process run with --serve).</summary>
    public Uri? Endpoint { get; init; }

    public const string Usage = """
        SkDeepInfra soak: many concurrent streaming calls on one DeepInfraChatClient against the emulator.

          --calls N            calls in total (default 1000)
          --concurrency N      calls in flight at once (default: all of them)
          --text-length N      characters per reply (default 400)
          --chunk-size N       characters per streamed event (default 8)
          --chunk-delay-ms N   pause between events (default 5)
          --non-streaming F    share of calls without streaming, 0..1 (default 0)
          --in-process         use the emulator's in-process handler instead of loopback Kestrel
          --endpoint URL       call this server (e.g. one started with --serve) instead of an emulator in this process
          --serve              only run a loopback emulator that answers soak calls; prints its endpoint; Enter stops it

        Exit code 0 when every call returned exactly the expected text, 1 otherwise.
        """;

    /// <summary>Parses the command line; <see langword="null"/> for --help.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static SoakOptions? Parse(string[] args, out bool serve)
    {
        serve = false;
        var options = new SoakOptions();
        bool concurrencySet = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt(int min) => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min ? n : throw new ArgumentException($"{args[i - 1]} must be a whole number >= {min}.");
            switch (args[i])
            {
                case "--calls": options = options with { Calls = NextInt(1) }; break;
                case "--concurrency": options = options with { Concurrency = NextInt(1) }; concurrencySet = true; break;
                case "--text-length": options = options with { TextLength = NextInt(1) }; break;
                case "--chunk-size": options = options with { ChunkSize = NextInt(1) }; break;
                case "--chunk-delay-ms": options = options with { ChunkDelay = TimeSpan.FromMilliseconds(NextInt(0)) }; break;
                case "--non-streaming":
                    options = options with
                    {
                        NonStreamingShare = double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out double share) && share is >= 0 and <= 1
                            ? share
                            : throw new ArgumentException("--non-streaming must be in [0, 1]."),
                    };
                    break;
                case "--in-process": options = options with { Loopback = false }; break;
                case "--endpoint": options = options with { Endpoint = new Uri(Next()) }; break;
                case "--serve": serve = true; break;
                case "--help" or "-h" or "-?": return null;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return concurrencySet ? options : options with { Concurrency = options.Calls };
    }
}
