namespace SkDeepInfra.Live;

/// <summary>A fact that runs only when <c>DEEPINFRA_TOKEN</c> is set; otherwise it is reported as skipped.</summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DeepInfraClientOptions.ApiKeyEnvironmentVariable)))
        {
            Skip = "Set DEEPINFRA_TOKEN to run tests against DeepInfra.";
        }
    }
}
