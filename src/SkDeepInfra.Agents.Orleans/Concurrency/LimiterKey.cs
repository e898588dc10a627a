using System;
using System.Security.Cryptography;
using System.Text;

namespace SkDeepInfra.Agents.Orleans.Concurrency;

/// <summary>A limiter's grain key: a hash of the API key (never the key itself) and the model id.</summary>
internal static class LimiterKey
{
    public static string Create(string keyId, string modelId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(keyId)), 0, 8) + "/" + modelId;

    public static string ModelOf(string key) => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
