namespace SkDeepInfra.Agents.Internal;

/// <summary>How an <c>estimated_cost</c> is read, whatever form a client below put it in.</summary>
public sealed class ModelCallMeterTests
{
    public static TheoryData<object?, double?> Costs => new()
    {
        { 0.25, 0.25 },
        { 0.25f, 0.25 },
        { 0.25m, 0.25 },
        { 2, 2.0 },
        { 2L, 2.0 },
        { "0.25", 0.25 },
        { JsonElement.Parse("0.25"), 0.25 },
        { JsonElement.Parse("\"0.25\""), null },
        { "not a number", null },
        { null, null },
    };

    [Theory]
    [MemberData(nameof(Costs))]
    public void ReadCost_NumberInAnyForm_ReadsAsDouble(object? value, double? expected) =>
        Assert.Equal(expected, ModelCallMeter.ReadCost(new() { [DeepInfraPropertyNames.EstimatedCost] = value }));

    [Fact]
    public void ReadCost_Missing_ReturnsNull()
    {
        Assert.Null(ModelCallMeter.ReadCost(null));
        Assert.Null(ModelCallMeter.ReadCost([]));
    }
}
