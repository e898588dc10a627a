namespace SkDeepInfra.Agents.Live;

/// <summary>A fact that runs against the real service, and is skipped unless <c>DEEPINFRA_TOKEN</c> is set.</summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DeepInfraClientOptions.ApiKeyEnvironmentVariable)))
        {
            Skip = "DEEPINFRA_TOKEN is not set.";
        }
    }
}
