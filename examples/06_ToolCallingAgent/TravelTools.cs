using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace SkDeepInfra.Examples;

/// <summary>Three small, deterministic travel tools (canned data, so every run prints the same).</summary>
internal static class TravelTools
{
    private static readonly Dictionary<(string From, string To), double> s_rates = new()
    {
        [("EUR", "USD")] = 1.08,
        [("USD", "EUR")] = 0.93,
        [("EUR", "GBP")] = 0.85,
    };

    public static AIFunction[] All =>
    [
        AIFunctionFactory.Create(Weather, "get_weather", "Gets the current weather for a city."),
        AIFunctionFactory.Create(LocalTime, "get_local_time", "Gets the local time in a city."),
        AIFunctionFactory.Create(ConvertCurrency, "convert_currency", "Converts an amount of money between currencies (ISO codes such as EUR, USD)."),
    ];

    private static string Weather([Description("The city, e.g. Paris.")] string city) => $"{city}: 14 °C, light rain";

    private static string LocalTime([Description("The city, e.g. Paris.")] string city) => $"{city}: 09:30 (UTC+1)";

    private static string ConvertCurrency(
        [Description("The amount to convert.")] double amount,
        [Description("The currency to convert from, e.g. EUR.")] string from,
        [Description("The currency to convert to, e.g. USD.")] string to)
    {
        string key = $"{from.ToUpperInvariant()}->{to.ToUpperInvariant()}";
        return s_rates.TryGetValue((from.ToUpperInvariant(), to.ToUpperInvariant()), out double rate)
            ? string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {from.ToUpperInvariant()} = {amount * rate:0.00} {to.ToUpperInvariant()}")
            : throw new ArgumentException($"No rate for {key}.");
    }
}
