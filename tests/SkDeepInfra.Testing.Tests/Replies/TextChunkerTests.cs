using SkDeepInfra.Testing.Replies;

namespace SkDeepInfra.Testing;

public sealed class TextChunkerTests
{
    [Fact]
    public void Split_Text_CutsFixedSizePieces()
    {
        Assert.Equal(["abc", "def", "g"], TextChunker.Split("abcdefg", 3));
    }

    [Fact]
    public void Split_SurrogatePairAtTheEdge_KeepsThePairWhole()
    {
        string text = "a\U0001F600b";

        string[] pieces = [.. TextChunker.Split(text, 2)];

        Assert.Equal(["a\U0001F600", "b"], pieces);
    }

    [Fact]
    public void Split_NullOrEmpty_YieldsNothing()
    {
        Assert.Empty(TextChunker.Split(null, 4));
        Assert.Empty(TextChunker.Split(string.Empty, 4).ToList());
    }
}
