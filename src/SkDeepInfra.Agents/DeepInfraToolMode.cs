namespace SkDeepInfra.Agents;

/// <summary>How tools reach the model (<see cref="ToolModeChatClient"/>).</summary>
public enum DeepInfraToolMode
{
    /// <summary>
    /// Native <c>tools</c> first; when DeepInfra answers that the model has no tool calling ("Tool calling is not supported
    /// for model …"), or the model's family profile says so, <see cref="Prompted"/> for that model from then on (remembered
    /// per client). The default.
    /// </summary>
    Auto,

    /// <summary>Always native <c>tools</c>; a model without tool calling fails with its <c>DeepInfraException</c>.</summary>
    Native,

    /// <summary>
    /// The tools are described in the system message in the family's documented tool-prompt format, no <c>tools</c> are
    /// sent, and the calls the model writes as text become real ones.
    /// </summary>
    Prompted,
}
