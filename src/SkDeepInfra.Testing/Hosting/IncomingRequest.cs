using System;
using System.Collections.Generic;

namespace SkDeepInfra.Testing.Hosting;

/// <summary>A request as the core receives it, whichever way it arrived. Headers are unredacted here.</summary>
internal sealed class IncomingRequest(string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers, string body)
{
    public string Method { get; } = method;

    public string Path { get; } = path;

    public string Body { get; } = body;

    public string? Header(string name)
    {
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>Creates the public record of this request, with the <c>Authorization</c> value redacted.</summary>
    public EmulatorRequest ToRecord()
    {
        var redacted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string> header in headers)
        {
            string value = string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? Redact(header.Value) : header.Value;
            redacted[header.Key] = redacted.TryGetValue(header.Key, out string? earlier) ? earlier + ", " + value : value;
        }

        return new EmulatorRequest(Method, Path, redacted, Body, DateTimeOffset.UtcNow);
    }

    private static string Redact(string value)
    {
        int space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? value[..space] + " ***" : "***";
    }
}
