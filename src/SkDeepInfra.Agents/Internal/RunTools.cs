using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>The tools a run offers, by name: from the request's <c>ChatOptions.Tools</c> and the loop's additional tools.</summary>
internal static class RunTools
{
    /// <summary>Gets the names of the tools, in order, without duplicates (compared ordinally).</summary>
    public static IReadOnlyList<string> Names(IList<AITool>? requestTools, IList<AITool>? additionalTools)
    {
        var names = new List<string>((requestTools?.Count ?? 0) + (additionalTools?.Count ?? 0));
        AddNew(names, requestTools);
        AddNew(names, additionalTools);
        return names;
    }

    // A run offers a handful of tools: a scan of the list is cheaper than a set beside it.
    private static void AddNew(List<string> names, IList<AITool>? tools)
    {
        if (tools is null)
        {
            return;
        }

        foreach (AITool tool in tools)
        {
            if (!names.Contains(tool.Name))
            {
                names.Add(tool.Name);
            }
        }
    }
}
