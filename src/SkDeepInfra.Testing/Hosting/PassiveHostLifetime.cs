using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace SkDeepInfra.Testing.Hosting;

/// <summary>
/// A host lifetime that listens to nothing. The default console lifetime would capture the process's Ctrl+C and
/// SIGTERM, keeping an application that embeds the emulator from shutting down as it should.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
