using System.Reflection;
using System.Text.Json.Serialization;

namespace SkDeepInfra;

/// <summary>Cheap checks that keep the public surface deliberate.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly s_library = typeof(DeepInfraChatClient).Assembly;

    [Fact]
    public void PublicTypes_AreSealedOrStatic()
    {
        Type[] open = s_library.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !(t.IsAbstract && t.IsSealed))
            .ToArray();

        Assert.Empty(open);
    }

    [Fact]
    public void WireTypes_AreInternal()
    {
        Type[] wire = s_library.GetTypes().Where(t => t.Namespace == "SkDeepInfra.Internal.Wire").ToArray();

        Assert.NotEmpty(wire);
        Assert.All(wire, t => Assert.False(t.IsVisible, $"{t.FullName} is public"));
    }

    [Fact]
    public void PublicApi_ExposesNoInternalNamespace()
    {
        Type[] leaked = s_library.GetExportedTypes().Where(t => t.Namespace?.Contains("Internal", StringComparison.Ordinal) == true).ToArray();

        Assert.Empty(leaked);
    }

    [Fact]
    public void PublicMembers_NeverExposeWireTypes()
    {
        IEnumerable<Type> exposed = s_library.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m switch
            {
                MethodInfo method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType),
                PropertyInfo property => [property.PropertyType],
                FieldInfo field => [field.FieldType],
                ConstructorInfo ctor => ctor.GetParameters().Select(p => p.ParameterType),
                _ => [],
            });

        Assert.DoesNotContain(exposed, t => t.Namespace == "SkDeepInfra.Internal.Wire");
    }

    [Fact]
    public void WireContext_CoversRequestAndResponse()
    {
        JsonSerializerContext context = SkDeepInfra.Internal.Wire.DeepInfraJsonContext.Default;

        Assert.NotNull(context.GetTypeInfo(typeof(SkDeepInfra.Internal.Wire.ChatCompletionRequest)));
        Assert.NotNull(context.GetTypeInfo(typeof(SkDeepInfra.Internal.Wire.ChatCompletionResponse)));
    }
}
