namespace SkDeepInfra.Agents.Internal.ToolCallFormats;

/// <summary>One table per family format: rows that are calls (the expected "name(arguments)" joined by " | "), rows that stay text (null).</summary>
public sealed class TextToolCallFormatTests
{
    private static readonly HashSet<string> s_offered = ["get_weather", "get_time"];
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string?> FunctionTag => new()
    {
        { """<function=get_weather>{"city": "Paris"}</function>""", """get_weather({"city":"Paris"})""" },
        { """<function=get_weather>{"city": "Paris"}</function><|eom_id|>""", """get_weather({"city":"Paris"})""" },
        { """<function=get_weather>{"city":"Paris"}</function> <function=get_time>{}</function>""", """get_weather({"city":"Paris"}) | get_time({})""" },
        { """<function=get_time></function>""", "get_time({})" },
        { """I would call <function=get_weather>{"city": "Paris"}</function> here.""", null },
        { """<function=get_weather>{"city": "Paris"}</function> and that is all.""", null },
        { """<function=delete_all>{}</function>""", null },
        { """<function=get_weather>{"city": "Paris"}""", null },
        { """<function=get_weather>{"city": "Par""", null },
        { """<function=get_weather>["Paris"]</function>""", null },
    };

    public static TheoryData<string, string?> Pythonic => new()
    {
        { """[get_weather(city="Paris")]""", """get_weather({"city":"Paris"})""" },
        { """[get_weather(city='Paris', days=3), get_time(zone="CET")]""", """get_weather({"city":"Paris","days":3}) | get_time({"zone":"CET"})""" },
        { """[get_weather(city="Paris", exact=True, unit=None, hours=[1, 2], where={'lat': 48.8, "lon": -2.35})]""", """get_weather({"city":"Paris","exact":true,"unit":null,"hours":[1,2],"where":{"lat":48.8,"lon":-2.35}})""" },
        { """[get_time()]""", "get_time({})" },
        { """[get_weather(city="It\'s \"Paris\"\n")]""", """get_weather({"city":"It's \"Paris\"\n"})""" },
        { """[ get_weather( city = "Paris" , ) ]""", """get_weather({"city":"Paris"})""" },
        { """You could run [get_weather(city="Paris")].""", null },
        { """[get_weather(city="Paris")] is what I would run.""", null },
        { """[delete_all()]""", null },
        { """[get_weather("Paris")]""", null },
        { """[get_weather(city="Paris")""", null },
        { """[get_weather(city="Par""", null },
        { """[get_weather(city=Paris)]""", null },
        { """[1, 2, 3]""", null },
        { """[]""", null },
    };

    public static TheoryData<string, string?> Hermes => new()
    {
        { """<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>""", """get_weather({"city":"Paris"})""" },
        { "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call><|im_end|>", """get_weather({"city":"Paris"}) | get_time({})""" },
        { """Sure! <tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>""", null },
        { """<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call> Let me check.""", null },
        { """<tool_call>{"name": "send_email", "arguments": {}}</tool_call>""", null },
        { """<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}""", null },
        { """<tool_call>{"name": "get_weather", "arguments": {"ci""", null },
        { """<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}, "why": "asked"}</tool_call>""", null },
    };

    public static TheoryData<string, string?> Mistral => new()
    {
        { """[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}}]""", """get_weather({"city":"Paris"})""" },
        { """[TOOL_CALLS] [{"name": "get_weather", "arguments": {"city": "Paris"}, "id": "a1b2c3d4e"}, {"name": "get_time", "arguments": {}}]</s>""", """get_weather({"city":"Paris"}) | get_time({})""" },
        { """[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}""", """get_weather({"city":"Paris"})""" },
        { """[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}[TOOL_CALLS]get_time[ARGS]{}""", """get_weather({"city":"Paris"}) | get_time({})""" },
        { """The model writes [TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}""", null },
        { """[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"} then more""", null },
        { """[TOOL_CALLS]rm_rf[ARGS]{}""", null },
        { """[TOOL_CALLS]get_weather[ARGS]{"city": "Pa""", null },
        { """[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}}""", null },
        { """[TOOL_CALLS]""", null },
    };

    public static TheoryData<string, string?> DeepSeek => new()
    {
        { "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>", """get_weather({"city":"Paris"})""" },
        { "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜>\n<｜tool▁call▁begin｜>function<｜tool▁sep｜>get_time\n```json\n{}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜><｜end▁of▁sentence｜>", """get_weather({"city":"Paris"}) | get_time({})""" },
        { "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{\"city\": \"Paris\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>", """get_weather({"city":"Paris"})""" },
        { "To call it, write <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{}<｜tool▁call▁end｜><｜tool▁calls▁end｜>", null },
        { "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>wipe_disk\n```json\n{}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>", null },
        { "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜>", null },
        { "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"ci", null },
        { "<｜tool▁calls▁begin｜><｜tool▁calls▁end｜>", null },
    };

    public static TheoryData<string, string?> JsonArray => new()
    {
        { """[{"name": "get_weather", "arguments": {"city": "Paris"}}, {"name": "get_time", "parameters": {}}]""", """get_weather({"city":"Paris"}) | get_time({})""" },
        { """[{"type": "function", "function": {"name": "get_time", "arguments": "{}"}}]""", "get_time({})" },
        { """Here: [{"name": "get_weather", "arguments": {"city": "Paris"}}]""", null },
        { """[{"name": "get_weather", "arguments": {"city": "Paris"}}] done""", null },
        { """[{"name": "get_weather", "arguments": {"city": "Paris"}}, {"name": "format_disk"}]""", null },
        { """[{"name": "get_weather", "arguments": {"city": "Paris"}}""", null },
        { """[{"city": "Paris"}]""", null },
        { """[{"name": "get_weather", "arguments": {"city": "Paris"}, "id": "x"}]""", null },
    };

    public static TheoryData<string, string?> FencedJson => new()
    {
        { "```json\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n```", """get_weather({"city":"Paris"})""" },
        { "```\n[{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}, {\"name\": \"get_time\"}]\n```", """get_weather({"city":"Paris"}) | get_time({})""" },
        { "Call this:\n```json\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n```", null },
        { "```json\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n```\nThat is the call.", null },
        { "```json\n{\"name\": \"drop_tables\", \"arguments\": {}}\n```", null },
        { "```json\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}", null },
        { "```json\n{\"city\": \"Paris\", \"temp\": 21}\n```", null },
    };

    /// <summary>Every row of every table above.</summary>
    public static TheoryData<string, string?> AllRows
    {
        get
        {
            var all = new TheoryData<string, string?>();
            foreach (TheoryData<string, string?> table in new[] { FunctionTag, Pythonic, Hermes, Mistral, DeepSeek, JsonArray, FencedJson })
            {
                foreach (object[] row in table)
                {
                    all.Add((string)row[0], (string?)row[1]);
                }
            }

            return all;
        }
    }

    [Theory]
    [MemberData(nameof(FunctionTag))]
    public void FunctionTag_Row_ParsedOrText(string text, string? expected) => Check(new FunctionTagFormat(), text, expected);

    [Theory]
    [MemberData(nameof(Pythonic))]
    public void Pythonic_Row_ParsedOrText(string text, string? expected) => Check(new PythonicFormat(), text, expected);

    [Theory]
    [MemberData(nameof(Hermes))]
    public void Hermes_Row_ParsedOrText(string text, string? expected) => Check(new HermesFormat(), text, expected);

    [Theory]
    [MemberData(nameof(Mistral))]
    public void Mistral_Row_ParsedOrText(string text, string? expected) => Check(new MistralFormat(), text, expected);

    [Theory]
    [MemberData(nameof(DeepSeek))]
    public void DeepSeek_Row_ParsedOrText(string text, string? expected) => Check(new DeepSeekFormat(), text, expected);

    [Theory]
    [MemberData(nameof(JsonArray))]
    public void JsonArray_Row_ParsedOrText(string text, string? expected) => Check(new JsonArrayFormat(), text, expected);

    [Theory]
    [MemberData(nameof(FencedJson))]
    public void FencedJson_Row_ParsedOrText(string text, string? expected) => Check(new FencedJsonFormat(), text, expected);

    [Theory]
    [MemberData(nameof(AllRows))]
    public void TryParse_NoToolsOffered_Text(string text, string? expected)
    {
        _ = expected;
        Assert.Null(TextToolCallParser.TryParse(text, new HashSet<string>()));
    }

    [Theory]
    [MemberData(nameof(AllRows))]
    public void StartsLikeToolCall_CallRow_DecidedFromItsStart(string text, string? expected)
    {
        if (expected is not null)
        {
            Assert.True(TextToolCallParser.StartsLikeToolCall(text.TrimStart()));
            Assert.True(TextToolCallParser.CouldStartToolCall(text.TrimStart()[..1]));
        }
    }

    /// <summary>Each row through the format itself and through the parser that tries every format.</summary>
    private static void Check(ITextToolCallFormat format, string text, string? expected)
    {
        IReadOnlyList<FunctionCallContent>? viaParser = TextToolCallParser.TryParse(text, s_offered);
        Assert.Equal(expected, Describe(viaParser));
        if (expected is not null)
        {
            Assert.True(format.StartsLike(text.TrimStart()));
            Assert.All(viaParser!, c => Assert.Equal(true, c.AdditionalProperties![AgentRunPropertyNames.RecoveredFromText]));
            Assert.Equal(viaParser!.Count, viaParser.Select(c => c.CallId).Distinct().Count());
        }
    }

    private static string? Describe(IReadOnlyList<FunctionCallContent>? calls) =>
        calls is null ? null : string.Join(" | ", calls.Select(c => $"{c.Name}({JsonSerializer.Serialize(c.Arguments, s_readable)})"));
}
