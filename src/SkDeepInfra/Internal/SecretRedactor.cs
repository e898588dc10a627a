using System;
using System.Text;

namespace SkDeepInfra.Internal;

/// <summary>Decodes response bytes for error reports with the API key masked, should a proxy ever echo it.</summary>
internal sealed class SecretRedactor
{
    private const string Mask = "***";
    private readonly string? _secret;

    public SecretRedactor(string? secret) => _secret = string.IsNullOrEmpty(secret) ? null : secret;

    public string? Redact(string? text) =>
        text is null || _secret is null || text.IndexOf(_secret, StringComparison.Ordinal) < 0
            ? text
            : text.Replace(_secret, Mask);

    public string? Decode(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? null : Redact(Utf8(utf8));

    private static string Utf8(ReadOnlySpan<byte> utf8)
    {
#if NET
        return Encoding.UTF8.GetString(utf8);
#else
        return Encoding.UTF8.GetString(utf8.ToArray());
#endif
    }
}
