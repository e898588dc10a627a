using Microsoft.SemanticKernel;
using FunctionInvocationContext = Microsoft.SemanticKernel.FunctionInvocationContext;

namespace SkDeepInfra.TestSupport;

/// <summary>Records each auto function invocation as "plugin.function streaming=…".</summary>
public sealed class RecordingAutoFilter : IAutoFunctionInvocationFilter
{
    public List<string> Calls { get; } = [];

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        Calls.Add($"{context.Function.PluginName}.{context.Function.Name} streaming={context.IsStreaming}");
        await next(context);
    }
}

/// <summary>Records each function invocation as "plugin.function(city)".</summary>
public sealed class RecordingFunctionFilter : IFunctionInvocationFilter
{
    public List<string> Calls { get; } = [];

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        Calls.Add($"{context.Function.PluginName}.{context.Function.Name}({context.Arguments["city"]})");
        await next(context);
    }
}

/// <summary>Runs the function, then replaces its result.</summary>
public sealed class OverridingFunctionFilter(string result) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        await next(context);
        context.Result = new FunctionResult(context.Function, result);
    }
}

/// <summary>Runs the function, then ends the auto-invoke loop.</summary>
public sealed class TerminatingAutoFilter : IAutoFunctionInvocationFilter
{
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        await next(context);
        context.Terminate = true;
    }
}
