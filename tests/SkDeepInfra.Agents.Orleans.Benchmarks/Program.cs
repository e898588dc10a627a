using BenchmarkDotNet.Running;

namespace SkDeepInfra.Agents.Orleans.Benchmarks;

/// <summary>
/// Conversation turns through a three-silo cluster against the same agent called directly in process:
/// <c>dotnet run -c Release --project tests/SkDeepInfra.Agents.Orleans.Benchmarks -- --filter '*'</c>. See docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
