namespace SkDeepInfra.TestSupport;

/// <summary>Reads captures from the TestData folder next to the test assembly.</summary>
public static class TestData
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));
}
