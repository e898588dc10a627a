using System.Threading;
using System.Threading.Tasks;

namespace SkDeepInfra.Internal;

/// <summary>Waits for a shared task with one caller's cancellation token, leaving the task itself running.</summary>
internal static class Waiting
{
    public static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
#if NET
        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
#else
        if (!cancellationToken.CanBeCanceled || task.IsCompleted)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return await task.ConfigureAwait(false);
#endif
    }
}
