// The soak: 1,000 concurrent streaming calls (by default) on one DeepInfraChatClient against the emulator over loopback;
// prints throughput, latency percentiles, failures (the goal is 0) and memory. Not part of the unit-test run; the tests
// run a short version of it (Reliability/LoadTests.cs).
//
//   dotnet run -c Release --project tests/SkDeepInfra.Soak -- --calls 1000 --concurrency 1000
using SkDeepInfra.Soak;
using SkDeepInfra.Testing;

SoakOptions? options;
bool serve;
try
{
    options = SoakOptions.Parse(args, out serve);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SoakOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(SoakOptions.Usage);
    return 0;
}

if (serve)
{
    await using DeepInfraEmulator emulator = await SoakRunner.StartEmulatorAsync(loopback: true);
    Console.WriteLine($"Serving soak replies at {emulator.Endpoint} (run the soak with --endpoint {emulator.Endpoint}); press Enter to stop.");
    Console.ReadLine();
    return 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

SoakResult result = await SoakRunner.RunAsync(options, cts.Token);
Console.WriteLine(result);
return result.FailureCount == 0 ? 0 : 1;
