using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>The tools a run offers, by name: from the request's <c>ChatOptions.Tools</c> and the loop's additional tools.</summary>
internal static class RunTools
{
    /// <summary>Gets the names of the tools, in order, without duplicates.</summary>
    public static IReadOnlyList<string> Names(IList<AITool>? requestTools, IList<AITool>? additionalTools)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (AITool tool in (requestTools ?? []).Concat(additionalTools ?? []))
        {
            if (seen.Add(tool.Name))
            {
                names.Add(tool.Name);
            }
        }

        return names;
    }
}
