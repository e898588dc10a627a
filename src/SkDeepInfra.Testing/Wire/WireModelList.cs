using System.Collections.Generic;

namespace SkDeepInfra.Testing.Wire;

/// <summary>The model list: <c>{"object":"list","data":[…]}</c>.</summary>
internal sealed class WireModelList
{
    public string Object { get; init; } = "list";

    public required IReadOnlyList<WireModel> Data { get; init; }
}
