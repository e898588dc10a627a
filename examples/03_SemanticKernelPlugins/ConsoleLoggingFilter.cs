using Microsoft.SemanticKernel;

namespace SkDeepInfra.Examples;

/// <summary>Logs every function the model asks for, before and after it runs.</summary>
public sealed class ConsoleLoggingFilter : IAutoFunctionInvocationFilter
{
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        string arguments = string.Join(", ", context.Arguments?.Select(a => $"{a.Key}={a.Value}") ?? []);
        Console.WriteLine($"Tool call: {context.Function.PluginName}.{context.Function.Name}({arguments})");
        await next(context);
        Console.WriteLine($"Tool result: {context.Result}");
    }
}
