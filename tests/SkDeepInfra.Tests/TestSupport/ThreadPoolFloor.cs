using System.Runtime.CompilerServices;

namespace SkDeepInfra.TestSupport;

/// <summary>
/// Raises the thread pool's minimum for this test process. The loopback tests host Kestrel (the emulator) in the same
/// process as the client and the test runner; on a 2-core machine the default minimum is 2 threads, and when the server
/// and the runner hold them, any queued continuation waits for the pool's thread injection (about 500 ms a thread).
/// That showed up as 0.5–1.0 s cancellation latencies in about one run in four of <c>StallCancellationTests</c>, all
/// of it spent before <c>CancellationTokenSource.CancelAsync</c> got a thread, none in the client.
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise()
    {
        int floor = Math.Max(16, Environment.ProcessorCount * 4);
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, floor), Math.Max(completionPorts, floor));
    }
}
