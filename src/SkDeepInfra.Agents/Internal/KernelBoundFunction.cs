using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Agents.Internal;

/// <summary>
/// A Semantic Kernel function as a tool, run through a given kernel: <see cref="KernelFunction.InvokeAsync(Kernel, KernelArguments?, CancellationToken)"/>,
/// so the kernel's services and function-invocation filters apply. Name, description and schema are the function's.
/// </summary>
internal sealed class KernelBoundFunction : DelegatingAIFunction
{
    private readonly KernelFunction _function;
    private readonly Kernel _kernel;

    public KernelBoundFunction(KernelFunction function, Kernel kernel)
        : base(function)
    {
        _function = function;
        _kernel = kernel;
    }

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var kernelArguments = new KernelArguments();
        foreach (KeyValuePair<string, object?> argument in arguments)
        {
            kernelArguments[argument.Key] = argument.Value;
        }

        FunctionResult result = await _function.InvokeAsync(_kernel, kernelArguments, cancellationToken).ConfigureAwait(false);
        return result.GetValue<object>();
    }
}
