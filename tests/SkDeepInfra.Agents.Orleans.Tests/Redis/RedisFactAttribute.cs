namespace SkDeepInfra.Agents.Orleans.Redis;

/// <summary>
/// A test against a real Redis server at <c>SKDEEPINFRA_REDIS</c> (<c>host:port</c>; <c>.ci/run</c> starts one). Outside CI
/// it is skipped with a message when no server is configured; with <c>CI=true</c> it always runs, and fails without one.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public const string Variable = "SKDEEPINFRA_REDIS";

    public RedisFactAttribute()
    {
        if (Address is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"Set {Variable}=host:port to run the Redis tests against a real redis-server (.ci/run starts one).";
        }
    }

    public static string? Address => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } address ? address : null;

    public static string RequiredAddress => Address ?? throw new InvalidOperationException($"CI=true but {Variable} is not set: the Redis tests need a redis-server (.ci/run starts one).");
}
