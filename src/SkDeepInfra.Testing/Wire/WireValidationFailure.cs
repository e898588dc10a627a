using System.Collections.Generic;

namespace SkDeepInfra.Testing.Wire;

/// <summary>FastAPI's 422 body: <c>{"detail":[{"type":…,"loc":["body",…],"msg":…}]}</c>.</summary>
internal sealed class WireValidationFailure
{
    public required IReadOnlyList<WireValidationIssue> Detail { get; init; }
}
