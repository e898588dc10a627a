using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Agents.Internal;

/// <summary>The tools a run offers, by name: from the request's <c>ChatOptions.Tools</c> and the loop's additional tools.</summary>
internal sealed class RunTools
{
    public static readonly RunTools None = new([], []);

    private readonly HashSet<string> _requireApproval;

    private RunTools(IReadOnlyList<string> names, HashSet<string> requireApproval)
    {
        Names = names;
        _requireApproval = requireApproval;
    }

    /// <summary>Gets the names of the tools, in order, without duplicates.</summary>
    public IReadOnlyList<string> Names { get; }

    public static RunTools From(IList<AITool>? requestTools, IList<AITool>? additionalTools)
    {
        IEnumerable<AITool> all = (requestTools ?? []).Concat(additionalTools ?? []);
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var requireApproval = new HashSet<string>(StringComparer.Ordinal);
        foreach (AITool tool in all)
        {
            if (seen.Add(tool.Name))
            {
                names.Add(tool.Name);
            }

            if (tool.GetService<ApprovalRequiredAIFunction>() is not null)
            {
                requireApproval.Add(tool.Name);
            }
        }

        return new RunTools(names, requireApproval);
    }

    public bool RequiresApproval(string name) => _requireApproval.Contains(name);
}
