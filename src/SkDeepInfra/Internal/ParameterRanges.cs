using System;
using System.Globalization;

namespace SkDeepInfra.Internal;

/// <summary>
/// The ranges DeepInfra accepts, checked before a request is sent. Each check throws an
/// <see cref="ArgumentOutOfRangeException"/> that names the parameter, the value and the range.
/// </summary>
internal static class ParameterRanges
{
    public static double? Temperature(double? value) => Check(value, "temperature", 0, true, 2, true);
    public static double? TopP(double? value) => Check(value, "top_p", 0, false, 1, true);
    public static double? MinP(double? value) => Check(value, "min_p", 0, true, 1, true);
    public static double? PresencePenalty(double? value) => Check(value, "presence_penalty", -2, true, 2, true);
    public static double? FrequencyPenalty(double? value) => Check(value, "frequency_penalty", -2, true, 2, true);
    public static double? RepetitionPenalty(double? value) => Check(value, "repetition_penalty", 0.01, true, 5, true);

    public static int? TopK(int? value) => (int?)Check(value, "top_k", 0, true, 1000, false);
    public static int? MaxTokens(int? value) => (int?)Check(value, "max_tokens", 0, true, 1_000_000, true);

    private static double? Check(double? value, string name, double min, bool minInclusive, double max, bool maxInclusive)
    {
        if (value is not double v)
        {
            return null;
        }

        bool ok = !double.IsNaN(v)
            && (minInclusive ? v >= min : v > min)
            && (maxInclusive ? v <= max : v < max);
        if (!ok)
        {
            string range = string.Format(
                CultureInfo.InvariantCulture,
                "{0}{1}, {2}{3}",
                minInclusive ? "[" : "(",
                min,
                max,
                maxInclusive ? "]" : ")");
            throw new ArgumentOutOfRangeException(
                name,
                v,
                string.Format(CultureInfo.InvariantCulture, "{0} must be in {1}; got {2}.", name, range, v));
        }

        return v;
    }
}
