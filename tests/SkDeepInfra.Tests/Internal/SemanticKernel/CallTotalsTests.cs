namespace SkDeepInfra.Internal.SemanticKernel;

public sealed class CallTotalsTests
{
    [Fact]
    public void Add_TwoCalls_SumsUsageAndCostIntoNewUsage()
    {
        var totals = new CallTotals();
        totals.Add(new UsageDetails { InputTokenCount = 3, OutputTokenCount = 4, TotalTokenCount = 7 }, 0.25);
        UsageDetails first = totals.Usage!;

        totals.Add(new UsageDetails { InputTokenCount = 1, OutputTokenCount = 2, TotalTokenCount = 3 }, 0.5);

        Assert.NotSame(first, totals.Usage);
        Assert.Equal(7, first.TotalTokenCount);
        Assert.Equal(4, totals.Usage!.InputTokenCount);
        Assert.Equal(6, totals.Usage.OutputTokenCount);
        Assert.Equal(10, totals.Usage.TotalTokenCount);
        Assert.Equal(0.75, totals.Cost);
    }

    [Fact]
    public void Add_NoUsageOrCost_LeavesTotalsNull()
    {
        var totals = new CallTotals();

        totals.Add(null, null);

        Assert.Null(totals.Usage);
        Assert.Null(totals.Cost);
    }

    [Fact]
    public void Metadata_Values_CarryTheThreeKeys()
    {
        var usage = new UsageDetails { TotalTokenCount = 7 };

        Dictionary<string, object?> metadata = CallTotals.Metadata(usage, ChatFinishReason.Length, 0.5);

        Assert.Same(usage, metadata[DeepInfraMetadataKeys.Usage]);
        Assert.Equal("length", metadata[DeepInfraMetadataKeys.FinishReason]);
        Assert.Equal(0.5, metadata[DeepInfraMetadataKeys.EstimatedCost]);
    }

    [Fact]
    public void ReadCost_NonDoubleOrMissing_ReturnsNull()
    {
        Assert.Null(CallTotals.ReadCost(null));
        Assert.Null(CallTotals.ReadCost(new() { [DeepInfraPropertyNames.EstimatedCost] = "0.1" }));
        Assert.Equal(0.1, CallTotals.ReadCost(new() { [DeepInfraPropertyNames.EstimatedCost] = 0.1 }));
    }
}
