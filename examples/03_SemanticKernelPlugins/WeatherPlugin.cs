using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace SkDeepInfra.Examples;

/// <summary>A plugin the model can call.</summary>
public sealed class WeatherPlugin
{
    [KernelFunction("get_weather")]
    [Description("Gets the current weather for a city.")]
    public static string GetWeather([Description("The city name")] string city) => $"{city}: 18 °C, light rain";
}
