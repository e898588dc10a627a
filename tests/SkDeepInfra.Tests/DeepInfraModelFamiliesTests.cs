namespace SkDeepInfra;

public sealed class DeepInfraModelFamiliesTests
{
    [Theory]
    [InlineData("meta-llama/Meta-Llama-3.1-70B-Instruct", "Llama 3.1/3.3")]
    [InlineData("meta-llama/Llama-3.3-70B-Instruct-Turbo", "Llama 3.1/3.3")]
    [InlineData("meta-llama/Llama-3.2-11B-Vision-Instruct", "Llama 3.2")]
    [InlineData("meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "Llama 4")]
    [InlineData("Qwen/Qwen3-235B-A22B", "Qwen3/QwQ")]
    [InlineData("Qwen/QwQ-32B", "Qwen3/QwQ")]
    [InlineData("Qwen/Qwen2.5-72B-Instruct", "Qwen")]
    [InlineData("deepseek-ai/DeepSeek-V3-0324", "DeepSeek")]
    [InlineData("deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "DeepSeek")]
    [InlineData("google/gemma-3-27b-it", "Gemma")]
    [InlineData("mistralai/Mistral-Small-24B-Instruct-2501", "Mistral")]
    [InlineData("microsoft/phi-4", "Phi")]
    [InlineData("openai/gpt-oss-120b", "gpt-oss")]
    [InlineData("moonshotai/Kimi-K2-Instruct", "Kimi")]
    [InlineData("zai-org/GLM-4.5", "GLM")]
    [InlineData("some/new-model", "Unknown")]
    public void Find_ModelId_ReturnsItsFamily(string modelId, string family)
    {
        Assert.Equal(family, new DeepInfraModelFamilies().Find(modelId).Name);
    }

    [Fact]
    public void Add_Profile_TakesPrecedenceOverBuiltIns()
    {
        var families = new DeepInfraModelFamilies();
        var custom = new DeepInfraModelFamily("My Qwen", ["qwen3-32b"], ["<|my_end|>"], DeepInfraToolCallFormat.Json);

        families.Add(custom);

        Assert.Same(custom, families.Find("Qwen/Qwen3-32B"));
        Assert.Same(custom, families[0]);
        Assert.Equal("Qwen3/QwQ", families.Find("Qwen/Qwen3-8B").Name);
    }

    [Fact]
    public void KnownEndMarkers_EveryBuiltInMarker_Listed()
    {
        Assert.All(new DeepInfraModelFamilies().SelectMany(f => f.EndMarkers), m => Assert.Contains(m, DeepInfraModelFamilies.KnownEndMarkers));
    }

    [Fact]
    public void Constructor_BadArguments_NameTheParameter()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new DeepInfraModelFamily(" ", ["x"])).ParamName);
        Assert.Equal("modelIdPatterns", Assert.Throws<ArgumentException>(() => new DeepInfraModelFamily("x", [])).ParamName);
        Assert.Equal("modelIdPatterns", Assert.Throws<ArgumentException>(() => new DeepInfraModelFamily("x", [""])).ParamName);
        Assert.Equal("endMarkers", Assert.Throws<ArgumentException>(() => new DeepInfraModelFamily("x", ["x"], [""])).ParamName);
        Assert.Equal("toolCallFormat", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepInfraModelFamily("x", ["x"], toolCallFormat: (DeepInfraToolCallFormat)42)).ParamName);
        Assert.Equal("family", Assert.Throws<ArgumentNullException>(() => new DeepInfraModelFamilies().Add(null!)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new DeepInfraClientOptions().ModelFamilies = null!).ParamName);
    }
}
