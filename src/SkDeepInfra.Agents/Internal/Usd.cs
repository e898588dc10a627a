using System.Globalization;

namespace SkDeepInfra.Agents.Internal;

/// <summary>Formats amounts of USD the same way everywhere: invariant culture, no exponent, up to ten decimals.</summary>
internal static class Usd
{
    public static string Format(double amount) => "$" + amount.ToString("0.##########", CultureInfo.InvariantCulture);
}
