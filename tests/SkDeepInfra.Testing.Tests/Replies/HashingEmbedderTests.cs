namespace SkDeepInfra.Testing.Replies;

public sealed class HashingEmbedderTests
{
    [Theory]
    [InlineData("", 0x811C9DC5u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    public void Fnv1a_KnownVectors_Match(string text, uint expected) =>
        Assert.Equal(expected, HashingEmbedder.Fnv1a(text));

    [Fact]
    public void Embed_WordsAreLowercasedRunsOfLettersAndDigits()
    {
        float[] spaced = HashingEmbedder.Embed("Über-Größe 42", 64, 64);
        float[] plain = HashingEmbedder.Embed("über größe 42", 64, 64);

        Assert.Equal(plain, spaced);
        Assert.NotEqual(HashingEmbedder.Embed("übergröße42", 64, 64), plain);
    }
}
