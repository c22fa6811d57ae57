using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>The selections' row buffers: large ones are kept here, a few at most, and reused.</summary>
public sealed class RowBuffersTests
{
    [Fact]
    public void Large_ReturnedBuffer_IsTheNextOneRentedAndAtMostAFewAreKept()
    {
        var length = RowBuffers.LargeLength * 2 + 7;
        var rented = Enumerable.Range(0, RowBuffers.MaxKept + 2).Select(_ => RowBuffers.Rent(length)).ToArray();
        Assert.All(rented, b => Assert.InRange(b.Length, length, length + RowBuffers.LargeLength)); // rounded up, never a power of two's waste

        foreach (var buffer in rented)
            RowBuffers.Return(buffer);
        var (count, rows) = RowBuffers.Held();
        Assert.Equal(RowBuffers.MaxKept, count);
        Assert.True(rows <= (long)RowBuffers.MaxKept * (length + RowBuffers.LargeLength), $"{rows:N0} rows kept");

        var again = RowBuffers.Rent(length);
        Assert.Contains(rented, b => ReferenceEquals(b, again));
        RowBuffers.Return(again);
    }

    [Fact]
    public void Small_ComeFromTheSharedPool()
    {
        var before = RowBuffers.Held();
        var small = RowBuffers.Rent(1000);
        Assert.True(small.Length >= 1000);
        RowBuffers.Return(small);
        Assert.Equal(before.Count, RowBuffers.Held().Count);
    }
}
