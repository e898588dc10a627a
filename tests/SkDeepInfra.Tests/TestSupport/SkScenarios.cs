using System.ComponentModel;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SkDeepInfra.TestSupport;

/// <summary>What the Semantic Kernel connector scenarios share: a question, a weather kernel, settings and a tool-then-text reply.</summary>
public static class SkScenarios
{
    public static RecordingHandler ToolThenText() => new RecordingHandler()
        .ReplyJson(Canned.ToolCallCompletion(("call_1", "weather-get_weather", """{"city":"Paris"}""")))
        .ReplyJson(Canned.Completion("It is sunny in Paris."));

    public static PromptExecutionSettings Auto(bool autoInvoke = true) =>
        new DeepInfraPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: autoInvoke) };

    public static ChatHistory History()
    {
        var history = new ChatHistory();
        history.AddUserMessage("What is the weather in Paris?");
        return history;
    }

    public static Kernel WeatherKernel() => TestServices.CreateKernel(KernelPluginFactory.CreateFromType<WeatherPlugin>("weather"));

    /// <summary>A weather kernel that records the city of each invocation.</summary>
    public static Kernel WeatherKernel(out List<string> invoked)
    {
        var calls = new List<string>();
        invoked = calls;
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("weather", [KernelFunctionFactory.CreateFromMethod((string city) => { calls.Add(city); return "Sunny in " + city; }, "get_weather")]);
        return kernel;
    }

    public sealed class WeatherPlugin
    {
        [KernelFunction("get_weather"), Description("Gets the weather for a city")]
        public static string GetWeather(string city) => "Sunny in " + city;
    }
}

/// <summary>An auto function invocation filter from a delegate.</summary>
public sealed class DelegateAutoFilter(Func<AutoFunctionInvocationContext, Func<AutoFunctionInvocationContext, Task>, Task> onInvocation) : IAutoFunctionInvocationFilter
{
    public Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next) => onInvocation(context, next);
}
