using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SkDeepInfra.Benchmarks.Floor;
using MeaiFunctionCall = Microsoft.Extensions.AI.FunctionCallContent;
using MeaiFunctionResult = Microsoft.Extensions.AI.FunctionResultContent;
using SkFunctionCall = Microsoft.SemanticKernel.FunctionCallContent;
using SkFunctionResult = Microsoft.SemanticKernel.FunctionResultContent;

namespace SkDeepInfra.Benchmarks.Payloads;

/// <summary>
/// A 20-message history (system, user, assistant tool calls, tool results, answers) and 10 tool definitions, offered
/// with automatic choice but not invoked: the reply is text, so each contender makes exactly one call.
/// </summary>
internal static class ToolHistoryWorkload
{
    private const string Plugin = "travel";

    public static ChatWorkload Create()
    {
        Delegate[] methods =
        [
            GetWeather, GetForecast, GetTime, ConvertCurrency, FindFlights,
            FindHotels, BookTable, GetExchangeRate, TranslateText, GetDirections,
        ];
        List<AIFunction> functions = [.. methods.Select(m => AIFunctionFactory.Create(m, NameOf(m)))];
        Kernel kernel = new();
        kernel.Plugins.AddFromFunctions(Plugin, methods.Select(m => KernelFunctionFactory.CreateFromMethod(m, NameOf(m))));

        var messages = new List<ChatMessage>();
        var history = new ChatHistory();
        var floor = new List<FloorMessage>();
        Add(ChatRole.System, AuthorRole.System, "You are a travel assistant. Use the tools when they help; answer briefly.");
        Add(ChatRole.User, AuthorRole.User, "I'm flying to Paris next week. What should I know?");
        for (int round = 0; messages.Count < 20; round++)
        {
            AIFunction function = functions[round % functions.Count];
            string callId = $"call_{round:D2}_{function.Name}";
            var arguments = new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 3, ["unit"] = "celsius" };
            string result = $"{{\"city\":\"Paris\",\"temperature\":{18 + round},\"condition\":\"sunny\",\"round\":{round}}}";

            messages.Add(new ChatMessage(ChatRole.Assistant, [new MeaiFunctionCall(callId, function.Name, arguments)]));
            history.Add(new ChatMessageContent(AuthorRole.Assistant, [new SkFunctionCall(function.Name, Plugin, callId, new KernelArguments(arguments))]));
            floor.Add(new FloorMessage
            {
                Role = "assistant",
                ToolCalls = [new FloorToolCall { Id = callId, Function = new FloorFunctionCall { Name = function.Name, Arguments = JsonSerializer.Serialize(arguments) } }],
            });

            messages.Add(new ChatMessage(ChatRole.Tool, [new MeaiFunctionResult(callId, result)]));
            history.Add(new ChatMessageContent(AuthorRole.Tool, [new SkFunctionResult(function.Name, Plugin, callId, result)]));
            floor.Add(new FloorMessage { Role = "tool", ToolCallId = callId, Content = result });

            if (messages.Count < 20)
            {
                Add(ChatRole.Assistant, AuthorRole.Assistant, $"Round {round}: it will be {18 + round} °C and sunny in Paris.");
                Add(ChatRole.User, AuthorRole.User, $"Thanks. And what about step {round + 1} of my trip?");
            }
        }

        var skBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false);
        return new ChatWorkload
        {
            Messages = messages,
            Options = new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 1024, Tools = [.. functions], ToolMode = ChatToolMode.Auto },
            History = history,
            Kernel = kernel,
            DeepInfraSettings = new DeepInfraPromptExecutionSettings { Temperature = 0.7, MaxTokens = 1024, FunctionChoiceBehavior = skBehavior },
            OpenAISettings = new OpenAIPromptExecutionSettings { Temperature = 0.7, MaxTokens = 1024, FunctionChoiceBehavior = skBehavior },
            FloorRequest = new FloorRequest
            {
                Model = ChatPayloads.Model,
                Messages = floor,
                Temperature = 0.7,
                MaxTokens = 1024,
                ToolChoice = "auto",
                Tools = [.. functions.Select(f => new FloorTool { Function = new FloorFunction { Name = f.Name, Description = f.Description, Parameters = f.JsonSchema } })],
            },
            FloorStreamRequest = new FloorRequest { Model = ChatPayloads.Model },
        };

        void Add(ChatRole role, AuthorRole author, string text)
        {
            messages.Add(new ChatMessage(role, text));
            history.AddMessage(author, text);
            floor.Add(new FloorMessage { Role = role.Value, Content = text });
        }
    }

    private static string NameOf(Delegate method) => method.Method.Name;

    [Description("Current weather for a city.")]
    private static string GetWeather([Description("City name")] string city, [Description("celsius or fahrenheit")] string unit = "celsius") => city + unit;

    [Description("Weather forecast for the next days.")]
    private static string GetForecast([Description("City name")] string city, [Description("Number of days, 1-10")] int days) => city + days;

    [Description("Local time in a city.")]
    private static string GetTime([Description("City name")] string city) => city;

    [Description("Converts an amount between currencies.")]
    private static double ConvertCurrency(double amount, [Description("ISO code")] string from, [Description("ISO code")] string to) => amount + from.Length + to.Length;

    [Description("Finds flights between two airports on a date.")]
    private static string FindFlights(string from, string to, DateTime date, [Description("Number of passengers")] int passengers = 1) => from + to + date + passengers;

    [Description("Finds hotels in a city.")]
    private static string FindHotels(string city, DateTime checkIn, int nights, [Description("Maximum price per night")] decimal? maxPrice = null) => city + checkIn + nights + maxPrice;

    [Description("Books a restaurant table.")]
    private static bool BookTable(string restaurant, DateTime time, int people) => restaurant.Length + time.Day + people > 0;

    [Description("The exchange rate between two currencies.")]
    private static double GetExchangeRate(string from, string to) => from.Length / (double)to.Length;

    [Description("Translates text into a language.")]
    private static string TranslateText(string text, [Description("Target language, e.g. fr")] string language) => text + language;

    [Description("Directions between two places.")]
    private static string GetDirections(string origin, string destination, [Description("walking, driving or transit")] string mode = "walking") => origin + destination + mode;
}
