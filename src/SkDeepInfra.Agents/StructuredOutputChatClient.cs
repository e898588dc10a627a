using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkDeepInfra.Agents.Internal;

namespace SkDeepInfra.Agents;

/// <summary>
/// Makes structured output from open models dependable: for a request whose <see cref="ChatOptions.ResponseFormat"/> has
/// a JSON schema (as <c>GetResponseAsync&lt;T&gt;</c> and Agent Framework's <c>RunAsync&lt;T&gt;</c> send), it strips a
/// Markdown code fence from the answer, validates it against the schema (with the checks tool arguments get), and when it
/// does not fit sends the problems back to the model and asks again, up to <see cref="MaximumRepairAttempts"/> times.
/// </summary>
/// <remarks>
/// <para>Place it below the tool loop and above <see cref="RunLedgerChatClient"/>, so every attempt is a model call of
/// the run: budgeted (its ceilings included) and in the ledger. Without a tool loop above it each request is a run of its
/// own, with its budget from <see cref="AgentRunPropertyNames.Budget"/> and its ledger on the response.</para>
/// <para>The response holds the last attempt only (failed attempts and the feedback are not added to the conversation);
/// its text is the answer without the fence, and its usage is the sum of all attempts. When every attempt fails, the run
/// ends with <see cref="AgentRunStatus.InvalidStructuredOutput"/> and <see cref="AgentRunOutcome.ValidationErrors"/>
/// instead of a later <c>JsonException</c>: check <c>GetRunOutcome()</c> (or use <c>TryGetResult</c>) before reading
/// <c>Result</c>. A reply that calls tools is passed on untouched.</para>
/// <para>Streaming: an answer is held until it is complete and valid, then released as one text update followed by its
/// other updates (usage, finish reason), and one more with the usage of the earlier attempts.</para>
/// </remarks>
public sealed class StructuredOutputChatClient : DelegatingChatClient
{
    private readonly ILogger _logger;
    private int _maximumRepairAttempts = 2;

    /// <summary>Initializes a new instance of the <see cref="StructuredOutputChatClient"/> class.</summary>
    /// <param name="innerClient">The client below: a <see cref="RunLedgerChatClient"/> over the model's client.</param>
    /// <param name="loggerFactory">Logs each rejected answer at Information (the problems, never the answer).</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    public StructuredOutputChatClient(IChatClient innerClient, ILoggerFactory? loggerFactory = null)
        : base(innerClient)
    {
        _logger = (ILogger?)loggerFactory?.CreateLogger<StructuredOutputChatClient>() ?? NullLogger.Instance;
    }

    /// <summary>Gets or sets how many times an answer that breaks the schema is sent back for another try. The default is 2 (at most three answers).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or more than 10.</exception>
    public int MaximumRepairAttempts
    {
        get => _maximumRepairAttempts;
        set => _maximumRepairAttempts = value is >= 0 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Between 0 and 10 repair attempts are allowed.");
    }

    /// <summary>
    /// Gets or sets a value indicating whether the schema is sent as DeepInfra's <c>json_schema</c> response format (the
    /// default, <see langword="true"/>). Set it to <see langword="false"/> for models that do not support it: the request
    /// then asks for <c>json_object</c> and carries the schema in its instructions.
    /// </summary>
    public bool UseJsonSchemaResponseFormat { get; set; } = true;

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema }
            ? RepairedAsync(messages, options, schema, cancellationToken)
            : base.GetResponseAsync(messages, options, cancellationToken);

    private async Task<ChatResponse> RepairedAsync(IEnumerable<ChatMessage> messages, ChatOptions options, JsonElement schema, CancellationToken cancellationToken)
    {
        (AgentRun run, bool ownRun, ChatOptions? runOptions) = BeginRun(options);
        ChatOptions requestOptions = ForModel(runOptions!, schema);
        List<ChatMessage> conversation = [.. messages];
        UsageDetails? usage = null;
        ChatResponse? previous = null;
        for (int answer = 1; ; answer++)
        {
            ChatResponse response = await base.GetResponseAsync(conversation, requestOptions, cancellationToken).ConfigureAwait(false);
            usage = Sum(usage, response.Usage);
            ChatMessage? reply = response.Messages.LastOrDefault(m => m.Role == ChatRole.Assistant);
            if (reply is null && previous is not null)
            {
                // The budget refused another try: the last answer stays the response, the budget's outcome the run's.
                return Finish(previous, run, ownRun, run.Stop);
            }

            response.Usage = usage;
            if (reply is null || reply.Contents.Any(c => c is FunctionCallContent))
            {
                return Finish(response, run, ownRun, outcome: null);
            }

            (string json, string? problem) = StructuredAnswer.Check(reply.Text, schema);
            if (problem is null)
            {
                reply.Contents = [.. reply.Contents.Where(c => c is not TextContent), new TextContent(json)];
                return Finish(response, run, ownRun, outcome: null);
            }

            Log.StructuredAnswerRejected(_logger, answer, problem);
            if (answer > _maximumRepairAttempts)
            {
                return Finish(response, run, ownRun, run.StopWith(AgentRunOutcome.InvalidStructuredOutput(answer, problem)));
            }

            conversation.AddRange(response.Messages);
            conversation.Add(new ChatMessage(ChatRole.User, StructuredAnswer.Feedback(problem)));
            previous = response;
        }
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema }
            ? StreamRepairedAsync(messages, options, schema, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private static UsageDetails? Sum(UsageDetails? total, UsageDetails? usage)
    {
        if (total is null || usage is null)
        {
            return usage ?? total;
        }

        total.Add(usage);
        return total;
    }

    private static ChatResponse Finish(ChatResponse response, AgentRun run, bool ownRun, AgentRunOutcome? outcome) =>
        RunLedgerChatClient.DescribeOwnRun(response, run, ownRun, outcome);

    private static (AgentRun Run, bool OwnRun, ChatOptions? Options) BeginRun(ChatOptions options)
    {
        (AgentRun run, bool ownRun, ChatOptions? runOptions) = RunLedgerChatClient.ResolveRun(options);
        AgentRun.Current = run;
        return (run, ownRun, runOptions);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamRepairedAsync(
        IEnumerable<ChatMessage> messages, ChatOptions options, JsonElement schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (AgentRun run, bool ownRun, ChatOptions? runOptions) = BeginRun(options);
        ChatOptions requestOptions = ForModel(runOptions!, schema);
        List<ChatMessage> conversation = [.. messages];
        List<ChatResponseUpdate> held = [];
        List<AIContent> earlierUsage = [];
        AgentRunOutcome? outcome = null;
        for (int answer = 1; ; answer++)
        {
            List<ChatResponseUpdate> attempt = [];
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(conversation, requestOptions, cancellationToken).ConfigureAwait(false))
            {
                attempt.Add(update);
            }

            ChatResponse response = attempt.ToChatResponse();
            ChatMessage? reply = response.Messages.LastOrDefault(m => m.Role == ChatRole.Assistant);
            if (reply is null && held.Count > 0)
            {
                // The budget refused another try: the last answer stays, the budget's outcome is the run's.
                outcome = run.Stop;
                break;
            }

            earlierUsage.AddRange(held.SelectMany(u => u.Contents).OfType<UsageContent>());
            held = attempt;
            if (reply is null || reply.Contents.Any(c => c is FunctionCallContent))
            {
                break;
            }

            (string json, string? problem) = StructuredAnswer.Check(reply.Text, schema);
            if (problem is null)
            {
                held = WithText(held, json);
                break;
            }

            Log.StructuredAnswerRejected(_logger, answer, problem);
            if (answer > _maximumRepairAttempts)
            {
                outcome = run.StopWith(AgentRunOutcome.InvalidStructuredOutput(answer, problem));
                break;
            }

            conversation.AddRange(response.Messages);
            conversation.Add(new ChatMessage(ChatRole.User, StructuredAnswer.Feedback(problem)));
        }

        if (earlierUsage.Count > 0)
        {
            held.Add(new ChatResponseUpdate(ChatRole.Assistant, earlierUsage));
        }

        foreach (ChatResponseUpdate update in held)
        {
            yield return update;
            AgentRun.Current = run;
        }

        if (ownRun)
        {
            var last = new ChatResponseUpdate { AdditionalProperties = [] };
            RunLedgerChatClient.Describe(last.AdditionalProperties, run, outcome);
            yield return last;
        }
    }

    /// <summary>The held updates with their text replaced by <paramref name="json"/>, in one update first.</summary>
    private static List<ChatResponseUpdate> WithText(List<ChatResponseUpdate> held, string json)
    {
        ChatResponseUpdate? first = held.FirstOrDefault(u => u.Contents.Any(c => c is TextContent));
        var text = new ChatResponseUpdate(ChatRole.Assistant, [new TextContent(json)])
        {
            MessageId = first?.MessageId,
            ResponseId = first?.ResponseId,
            ModelId = first?.ModelId,
            CreatedAt = first?.CreatedAt,
        };
        List<ChatResponseUpdate> result = [text];
        foreach (ChatResponseUpdate update in held)
        {
            if (update.Contents.Any(c => c is TextContent))
            {
                update.Contents = [.. update.Contents.Where(c => c is not TextContent)];
            }

            result.Add(update);
        }

        return result;
    }

    /// <summary>The options to send: as they are with <c>json_schema</c>, else <c>json_object</c> with the schema in the instructions.</summary>
    private ChatOptions ForModel(ChatOptions options, JsonElement schema)
    {
        if (UseJsonSchemaResponseFormat)
        {
            return options;
        }

        ChatOptions copy = options.Clone();
        copy.ResponseFormat = ChatResponseFormat.Json;
        string instructions = StructuredAnswer.SchemaInstructions(schema);
        copy.Instructions = copy.Instructions is { Length: > 0 } existing ? existing + "\n\n" + instructions : instructions;
        return copy;
    }
}
