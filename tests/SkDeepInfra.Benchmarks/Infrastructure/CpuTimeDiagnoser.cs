using System.Diagnostics;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace SkDeepInfra.Benchmarks.Infrastructure;

/// <summary>
/// CPU time of the benchmark process (user + kernel, every thread) over the actual workload iterations, per
/// operation. For the loopback workload that is the client's CPU per request: the server runs in the host process.
/// </summary>
internal sealed class CpuTimeDiagnoser : IDiagnoser
{
    public static readonly CpuTimeDiagnoser Default = new();

    private TimeSpan _start;
    private TimeSpan _end;

    public IEnumerable<string> Ids => ["CpuTime"];
    public IEnumerable<IExporter> Exporters => [];
    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public bool RequiresBlockingAcknowledgments(BenchmarkCase benchmarkCase) => true;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        if (signal == HostSignal.BeforeActualRun)
        {
            _start = CpuTime(parameters.Process);
        }
        else if (signal == HostSignal.AfterActualRun)
        {
            _end = CpuTime(parameters.Process);
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        // DiagnoserResults.TotalOperations counts jitting, pilot and warm-up too; GcStats come from one extra iteration
        // of the actual size, so the actual stage ran IterationCount times that many operations.
        // One-shot jobs ([IterationSetup]) would count the setup's CPU too: no value for them.
        long operations = results.GcStats.TotalOperations * results.BenchmarkCase.Job.Run.IterationCount;
        if (results.BenchmarkCase.Job.Run.InvocationCount == 1)
        {
            yield break;
        }

        if (operations > 0 && _end > _start)
        {
            yield return new Metric(CpuPerOperation.Instance, (_end - _start).TotalNanoseconds / operations);
        }
    }

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    private static TimeSpan CpuTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private sealed class CpuPerOperation : IMetricDescriptor
    {
        public static readonly CpuPerOperation Instance = new();

        public string Id => "CpuPerOp";
        public string DisplayName => "CPU/op";
        public string Legend => "CPU time (user + kernel, all threads) of the benchmark process per operation, over the actual iterations";
        public string NumberFormat => "N1";
        public UnitType UnitType => UnitType.Time;
        public string Unit => "ns";
        public bool TheGreaterTheBetter => false;
        public int PriorityInCategory => 0;
        public bool GetIsAvailable(Metric metric) => true;
    }
}
