using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Agents;

/// <summary>
/// Options of a tool-using agent built with <c>AsDeepInfraToolAgent</c>. The tool-loop options have the names (and, except
/// <see cref="AllowConcurrentInvocation"/>, the defaults) of <see cref="FunctionInvokingChatClient"/>'s.
/// </summary>
public sealed class DeepInfraAgentOptions
{
    private int _maximumIterationsPerRequest = 40;
    private int _maximumConsecutiveErrorsPerRequest = 3;
    private int _maximumStructuredOutputRepairs = 2;

    /// <summary>Gets or sets the agent's name (used by the Agent Framework for identification and telemetry).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets what the agent is for.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// Gets or sets the default options of every model call (temperature, <c>MaxOutputTokens</c>, DeepInfra keys in
    /// <c>AdditionalProperties</c>…). The instructions and tools given to <c>AsDeepInfraToolAgent</c> are added to a copy.
    /// </summary>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>
    /// Gets or sets a Semantic Kernel kernel whose plugins become tools too, invoked through the kernel (its services and
    /// function filters apply). A <c>KernelFunction</c> can also be passed directly as a tool.
    /// </summary>
    public Kernel? Kernel { get; set; }

    /// <summary>Gets or sets the budget of each run unless the run brings its own (<see cref="AgentRunExtensions.WithBudget(Microsoft.Agents.AI.AgentRunOptions, AgentBudget?)"/>); <see langword="null"/> (the default) for none.</summary>
    public AgentBudget? Budget { get; set; }

    /// <summary>Gets or sets the most model calls per run (<see cref="FunctionInvokingChatClient.MaximumIterationsPerRequest"/>). The default is 40.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaximumIterationsPerRequest
    {
        get => _maximumIterationsPerRequest;
        set => _maximumIterationsPerRequest = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one model call is needed.");
    }

    /// <summary>
    /// Gets or sets how many tool rounds in a row may have a failed call before the run ends with
    /// <see cref="AgentRunStatus.ConsecutiveErrorLimit"/> (<see cref="FunctionInvokingChatClient.MaximumConsecutiveErrorsPerRequest"/>). The default is 3.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 (tool failures never end a run with an exception here).</exception>
    public int MaximumConsecutiveErrorsPerRequest
    {
        get => _maximumConsecutiveErrorsPerRequest;
        set => _maximumConsecutiveErrorsPerRequest = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one failed round must be allowed.");
    }

    /// <summary>
    /// Gets or sets a value indicating whether several tool calls of one model reply run concurrently
    /// (<see cref="FunctionInvokingChatClient.AllowConcurrentInvocation"/>); results go back in call order either way. The
    /// default is <see langword="true"/>.
    /// </summary>
    public bool AllowConcurrentInvocation { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether a failed tool's exception message is sent to the model
    /// (<see cref="FunctionInvokingChatClient.IncludeDetailedErrors"/>). The default is <see langword="false"/>: the model
    /// learns which tool failed, not why. Argument errors are always described.
    /// </summary>
    public bool IncludeDetailedErrors { get; set; }

    /// <summary>Gets or sets a value indicating whether arguments are checked against each tool's JSON schema before it runs (<see cref="ToolLoopChatClient.ValidateToolArguments"/>). The default is <see langword="true"/>.</summary>
    public bool ValidateToolArguments { get; set; } = true;

    /// <summary>Gets or sets the prices of the agent's model, for the cost ceiling (<see cref="RunLedgerChatClient.Pricing"/>); <see langword="null"/> to read them from <see cref="ModelCatalog"/>.</summary>
    public DeepInfraModelPricing? Pricing { get; set; }

    /// <summary>Gets or sets the catalog the model's prices and output limit are read from when <see cref="Pricing"/> is not set (<see cref="RunLedgerChatClient.ModelCatalog"/>).</summary>
    public DeepInfraModelCatalog? ModelCatalog { get; set; }

    /// <summary>Gets or sets the estimator of each model call's input tokens (<see cref="RunLedgerChatClient.TokenEstimator"/>); <see langword="null"/> for <see cref="ConservativeTokenEstimator"/>.</summary>
    public ITokenEstimator? TokenEstimator { get; set; }

    /// <summary>
    /// Gets or sets how many times a structured answer (<c>RunAsync&lt;T&gt;</c>) that breaks its schema is sent back to the
    /// model with the problems (<see cref="StructuredOutputChatClient.MaximumRepairAttempts"/>). The default is 2; 0 only validates.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or more than 10.</exception>
    public int MaximumStructuredOutputRepairs
    {
        get => _maximumStructuredOutputRepairs;
        set => _maximumStructuredOutputRepairs = value is >= 0 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Between 0 and 10 repair attempts are allowed.");
    }

    /// <summary>
    /// Gets or sets a value indicating whether a structured answer's schema is sent as <c>json_schema</c> (the default) or,
    /// for models without it, as <c>json_object</c> with the schema in the instructions (<see cref="StructuredOutputChatClient.UseJsonSchemaResponseFormat"/>).
    /// </summary>
    public bool UseJsonSchemaResponseFormat { get; set; } = true;

    /// <summary>Gets the input guardrails of every run (<see cref="GuardrailChatClient.InputGuardrails"/>).</summary>
    public IList<IInputGuardrail> InputGuardrails { get; } = [];

    /// <summary>Gets the output guardrails of every run (<see cref="GuardrailChatClient.OutputGuardrails"/>).</summary>
    public IList<IOutputGuardrail> OutputGuardrails { get; } = [];

    /// <summary>Gets the tool guardrails of every run (<see cref="GuardrailChatClient.ToolGuardrails"/>).</summary>
    public IList<IToolGuardrail> ToolGuardrails { get; } = [];

    /// <summary>Gets or sets a value indicating whether input guardrails run while the first model call is made, cancelling it when one trips (<see cref="GuardrailChatClient.RunInputGuardrailsInParallel"/>).</summary>
    public bool RunInputGuardrailsInParallel { get; set; }

    /// <summary>Gets or sets a value indicating whether tool calls written as text are recovered (<see cref="ToolCallRecoveryChatClient"/>). The default is <see langword="true"/>.</summary>
    public bool RecoverTextToolCalls { get; set; } = true;
}
