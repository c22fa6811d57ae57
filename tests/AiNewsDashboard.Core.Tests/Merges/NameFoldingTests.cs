using AiNewsDashboard.Core.Merges;

namespace AiNewsDashboard.Core.Tests.Merges;

/// <summary>What makes two spellings one name for the merge suggestions.</summary>
public sealed class NameFoldingTests
{
    [Theory]
    [InlineData("U.S. News", "US news")]
    [InlineData("U.S. News", "u.s.  NEWS")]
    [InlineData("AI", "A.I.")]
    [InlineData("Machine Learning", "Machine-Learning")]
    [InlineData("Large Language Models", "Large  Language Models")]
    [InlineData("Café Tech", "cafe tech")]
    public void Fold_TwoSpellingsOfOneName_AreEqual(string one, string other) =>
        Assert.Equal(NameFolding.Fold(one), NameFolding.Fold(other));

    [Theory]
    [InlineData("US news", "UK news")]
    [InlineData("AI", "AIs")]
    [InlineData("HuffPost", "Huffington Post")]
    public void Fold_DifferentNames_StayApart(string one, string other) =>
        Assert.NotEqual(NameFolding.Fold(one), NameFolding.Fold(other));

    [Fact]
    public void Fold_UsNews_IsLettersOnlyInLowerCase() => Assert.Equal("usnews", NameFolding.Fold(" U.S.\tNews! "));

    [Theory]
    [InlineData("HuffPost", "Huffington Post", true)]
    [InlineData("HuffPost", "Huff Post", false)]          // same words: the folding's job, not a contraction
    [InlineData("Maple Report", "Maple Reporter", false)] // a spaced name is no short form
    [InlineData("HuffPost", "Huffington Post Live", false)]
    [InlineData("HuffPost", "Hartford Post", false)]
    [InlineData("Huffpost", "Huffington Post", false)]    // one part only: nothing says where it splits
    public void IsContractionOf_CapitalisedPartsThatBeginEachWord(string compound, string full, bool expected) =>
        Assert.Equal(expected, NameFolding.IsContractionOf(compound, full));
}
