using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class KernelFunctionToolsTests
{
    private static readonly ChatHistory s_history = [];

    [Fact]
    public void Configure_NoBehavior_ReturnsNull() =>
        Assert.Null(KernelFunctionTools.Configure(null, s_history, 0, Kernel(), NullLogger.Instance));

    [Fact]
    public void Configure_TwoRequests_ReusesEachFunctionsDeclaration()
    {
        Kernel kernel = Kernel();

        KernelFunctionTools first = KernelFunctionTools.Configure(FunctionChoiceBehavior.Auto(), s_history, 0, kernel, NullLogger.Instance)!;
        KernelFunctionTools second = KernelFunctionTools.Configure(FunctionChoiceBehavior.Auto(), s_history, 1, kernel, NullLogger.Instance)!;

        Assert.Same(Assert.Single(first.Tools!), Assert.Single(second.Tools!));
    }

    [Fact]
    public void Configure_FunctionWithoutParameters_DeclaresAnEmptyObjectSchema()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("clock", [KernelFunctionFactory.CreateFromMethod(() => "noon", "now")]);

        var tool = (AIFunctionDeclaration)Assert.Single(KernelFunctionTools.Configure(FunctionChoiceBehavior.Auto(), s_history, 0, kernel, NullLogger.Instance)!.Tools!);

        Assert.Equal("clock-now", tool.Name);
        Assert.Equal("""{"type":"object","required":[],"properties":{}}""", tool.JsonSchema.GetRawText());
    }

    [Fact]
    public void Configure_RequiredAfterTheFirstRequest_OffersNothing()
    {
        KernelFunctionTools first = KernelFunctionTools.Configure(FunctionChoiceBehavior.Required(), s_history, 0, Kernel(), NullLogger.Instance)!;
        KernelFunctionTools second = KernelFunctionTools.Configure(FunctionChoiceBehavior.Required(), s_history, 1, Kernel(), NullLogger.Instance)!;

        Assert.Equal(ChatToolMode.RequireAny, first.Mode);
        Assert.Null(second.Tools);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(KernelFunctionTools.MaximumAutoInvokeAttempts - 1, true)]
    [InlineData(KernelFunctionTools.MaximumAutoInvokeAttempts, false)]
    public void Configure_RequestIndex_AutoInvokesBelowTheLimit(int requestIndex, bool autoInvoke) =>
        Assert.Equal(autoInvoke, KernelFunctionTools.Configure(FunctionChoiceBehavior.Auto(), s_history, requestIndex, Kernel(), NullLogger.Instance)!.AutoInvoke);

    [Fact]
    public void Configure_AutoInvokeWithoutKernel_ThrowsAsSemanticKernelDoes() =>
        Assert.Throws<KernelException>(() => KernelFunctionTools.Configure(FunctionChoiceBehavior.Auto(), s_history, 0, null, NullLogger.Instance));

    [Fact]
    public void Configure_NoAutoInvokeWithoutKernel_OffersNothingAndDoesNotInvoke()
    {
        KernelFunctionTools tools = KernelFunctionTools.Configure(FunctionChoiceBehavior.Auto(autoInvoke: false), s_history, 0, null, NullLogger.Instance)!;

        Assert.False(tools.AutoInvoke);
        Assert.Null(tools.Tools);
    }

    [Fact]
    public void Apply_Tools_CopiesTheOptionsWithToolsModeAndParallelCalls()
    {
        KernelFunctionTools tools = KernelFunctionTools.Configure(
            FunctionChoiceBehavior.Auto(options: new FunctionChoiceBehaviorOptions { AllowParallelCalls = false }), s_history, 0, Kernel(), NullLogger.Instance)!;
        var options = new ChatOptions { Temperature = 0.5f };

        ChatOptions applied = tools.Apply(options);

        Assert.NotSame(options, applied);
        Assert.Null(options.Tools);
        Assert.Equal(0.5f, applied.Temperature);
        Assert.Equal(ChatToolMode.Auto, applied.ToolMode);
        Assert.False(applied.AllowMultipleToolCalls);
        Assert.Single(applied.Tools!);
    }

    private static Kernel Kernel()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("weather", [KernelFunctionFactory.CreateFromMethod((string city) => "Sunny in " + city, "get_weather")]);
        return kernel;
    }
}
