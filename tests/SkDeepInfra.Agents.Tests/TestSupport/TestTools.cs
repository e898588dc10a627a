using System.Collections.Concurrent;
using System.ComponentModel;

namespace SkDeepInfra.Agents.TestSupport;

/// <summary>Small tools with observable calls.</summary>
internal sealed class TestTools
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public AIFunction Weather => AIFunctionFactory.Create(
        ([Description("The city.")] string city) =>
        {
            Calls.Enqueue($"get_weather({city})");
            return $"{city}: 18 °C";
        },
        "get_weather",
        "Gets the current weather for a city.");

    public AIFunction Forecast => AIFunctionFactory.Create(
        (string city, int days, string unit = "c") =>
        {
            Calls.Enqueue($"get_forecast({city},{days},{unit})");
            return $"{city}: sunny for {days} days";
        },
        "get_forecast",
        "Gets the forecast for a city for a number of days.");

    public AIFunction Broken => AIFunctionFactory.Create(
        string (string city) =>
        {
            Calls.Enqueue($"get_weather({city})");
            throw new InvalidOperationException("weather backend at 10.0.0.7 is down");
        },
        "get_weather",
        "Gets the current weather for a city.");
}
