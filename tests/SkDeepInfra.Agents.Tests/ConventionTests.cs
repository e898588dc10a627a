using System.Reflection;

namespace SkDeepInfra.Agents;

/// <summary>Cheap checks that keep the public surface deliberate.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly s_library = typeof(ToolLoopChatClient).Assembly;

    [Fact]
    public void PublicTypes_AreSealedOrStatic() =>
        Assert.DoesNotContain(s_library.GetExportedTypes(), t => t.IsClass && !t.IsSealed);

    [Fact]
    public void PublicApi_ExposesNoInternalNamespace() =>
        Assert.DoesNotContain(s_library.GetExportedTypes(), t => t.Namespace?.Contains("Internal", StringComparison.Ordinal) == true);

    [Fact]
    public void Middleware_AreDelegatingChatClients() =>
        Assert.All(
            [typeof(ToolLoopChatClient), typeof(RunLedgerChatClient), typeof(ToolCallRecoveryChatClient)],
            t => Assert.True(typeof(DelegatingChatClient).IsAssignableFrom(t), t.Name));
}
