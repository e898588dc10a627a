namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class ResponseFormatsTests
{
    private const string Schema = """{"type":"object","properties":{"name":{"type":"string"}}}""";

    [Theory]
    [InlineData("json_object")]
    [InlineData(" JSON_OBJECT ")]
    [InlineData("""{"type":"json_object"}""")]
    public void ToChatResponseFormat_JsonObject_ReturnsJsonWithoutSchema(string value)
    {
        var format = Assert.IsType<ChatResponseFormatJson>(ResponseFormats.ToChatResponseFormat(value));

        Assert.Null(format.Schema);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("Text")]
    [InlineData("""{"type":"text"}""")]
    public void ToChatResponseFormat_Text_ReturnsText(string value)
    {
        Assert.IsType<ChatResponseFormatText>(ResponseFormats.ToChatResponseFormat(value));
    }

    [Fact]
    public void ToChatResponseFormat_JsonElementString_ReadsTheString()
    {
        Assert.IsType<ChatResponseFormatText>(ResponseFormats.ToChatResponseFormat(JsonDocument.Parse("\"text\"").RootElement));
    }

    [Fact]
    public void ToChatResponseFormat_BareSchema_ReturnsSchemaWithoutName()
    {
        var fromString = Assert.IsType<ChatResponseFormatJson>(ResponseFormats.ToChatResponseFormat(Schema));
        var fromElement = Assert.IsType<ChatResponseFormatJson>(ResponseFormats.ToChatResponseFormat(JsonDocument.Parse(Schema).RootElement));

        Assert.Equal(Schema, fromString.Schema!.Value.GetRawText());
        Assert.Equal(Schema, fromElement.Schema!.Value.GetRawText());
        Assert.Null(fromString.SchemaName);
    }

    [Fact]
    public void ToChatResponseFormat_NamedJsonSchemaForm_KeepsNameAndDescription()
    {
        string value = """{"type":"json_schema","json_schema":{"name":"person","description":"A person","schema":""" + Schema + "}}";

        var format = Assert.IsType<ChatResponseFormatJson>(ResponseFormats.ToChatResponseFormat(value));

        Assert.Equal("person", format.SchemaName);
        Assert.Equal("A person", format.SchemaDescription);
        Assert.Equal(Schema, format.Schema!.Value.GetRawText());
    }

    [Fact]
    public void ToChatResponseFormat_Type_GeneratesSchemaNamedAfterType()
    {
        var format = Assert.IsType<ChatResponseFormatJson>(ResponseFormats.ToChatResponseFormat(typeof(Person)));

        Assert.Equal(nameof(Person), format.SchemaName);
        Assert.Equal("integer", format.Schema!.Value.GetProperty("properties").GetProperty("Age").GetProperty("type").GetString());
    }

    [Fact]
    public void ToChatResponseFormat_ChatResponseFormat_ReturnsItAsIs()
    {
        ChatResponseFormat format = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement, "p");

        Assert.Same(format, ResponseFormats.ToChatResponseFormat(format));
        Assert.Null(ResponseFormats.ToChatResponseFormat(null));
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    public void ToChatResponseFormat_UnknownString_ThrowsArgumentException(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => ResponseFormats.ToChatResponseFormat(value));

        Assert.Equal("executionSettings", ex.ParamName);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToChatResponseFormat_UnsupportedType_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ResponseFormats.ToChatResponseFormat(42));
        Assert.Throws<ArgumentException>(() => ResponseFormats.ToChatResponseFormat(JsonDocument.Parse("[1]").RootElement));
    }

    [Fact]
    public void ToSerializable_EachForm_WritesItsJsonFace()
    {
        JsonElement schema = JsonDocument.Parse(Schema).RootElement;

        Assert.Equal("text", ResponseFormats.ToSerializable(ChatResponseFormat.Text));
        Assert.Equal("json_object", ResponseFormats.ToSerializable(ChatResponseFormat.Json));
        Assert.Equal(Schema, ((JsonElement)ResponseFormats.ToSerializable(ChatResponseFormat.ForJsonSchema(schema))!).GetRawText());
        Assert.Equal("object", ((JsonElement)ResponseFormats.ToSerializable(typeof(Person))!).GetProperty("type").GetString());
        Assert.Equal("json_object", ResponseFormats.ToSerializable("json_object"));
        Assert.Null(ResponseFormats.ToSerializable(null));
    }

    private sealed record Person(string Name, int Age);
}
