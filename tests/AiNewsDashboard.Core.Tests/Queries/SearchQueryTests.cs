using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>
/// The search syntax analysts write: the tree each query reads as, and each mistake with its position. Searches used to
/// be a list of words that all had to match, so "chip OR chips" looked for the word "or" and found nothing.
/// </summary>
public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("chip", "chip")]
    [InlineData("  chip  ", "chip")]
    [InlineData("chip memory", "AND(chip, memory)")]
    [InlineData("chip AND memory", "AND(chip, memory)")]
    [InlineData("chip OR chips", "OR(chip, chips)")]
    [InlineData("a b OR c", "OR(AND(a, b), c)")] // AND binds tighter than OR
    [InlineData("a OR b c", "OR(a, AND(b, c))")]
    [InlineData("a OR b OR c", "OR(a, b, c)")]
    [InlineData("(a OR b) c", "AND(OR(a, b), c)")]
    [InlineData("((a))", "a")]
    [InlineData("a (b c)", "AND(a, b, c)")]
    [InlineData("chip*", "chip*")]
    [InlineData("chip**", "chip*")]
    [InlineData("\"memory chip\"", "\"memory chip\"")]
    [InlineData("\"memory chip\"*", "\"memory chip\"*")]
    [InlineData("chip -memory", "AND(chip, NOT(memory))")]
    [InlineData("chip NOT memory", "AND(chip, NOT(memory))")]
    [InlineData("-memory chip", "AND(chip, NOT(memory))")]
    [InlineData("chip -\"memory price\"", "AND(chip, NOT(\"memory price\"))")]
    [InlineData("chip -(a OR b)", "AND(chip, NOT(OR(a, b)))")]
    [InlineData("chip NOT NOT memory", "AND(chip, memory)")]
    [InlineData("(chip OR wafer) -memory", "AND(OR(chip, wafer), NOT(memory))")]
    [InlineData("chip or memory", "AND(chip, or, memory)")] // operators only in capitals
    [InlineData("e-mail covid-19", "AND(e-mail, covid-19)")] // a minus inside a word is part of it
    [InlineData("Q&A - news", "AND(Q&A, news)")] // a minus on its own, like "&", is nothing to search for
    [InlineData("say\"hi", "say\"hi")] // a quote inside a word is part of it
    [InlineData("'; DROP TABLE Articles; --", "AND(DROP, TABLE, Articles;)")]
    [InlineData("NEAR(a b)", "AND(NEAR, a, b)")]
    [InlineData("title:chip", "title:chip")]
    public void Parse_ValidQuery_ReadsAsTheTree(string text, string expected)
    {
        var result = SearchQuery.Parse(text);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Query!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("& -- \"\" ...")]
    public void Parse_NothingToSearchFor_IsNeitherAQueryNorAnError(string? text)
    {
        var result = SearchQuery.Parse(text);

        Assert.Null(result.Query);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("\"chip", 1, "the quote at position 1 is never closed")]
    [InlineData("memory \"chip", 8, "the quote at position 8 is never closed")]
    [InlineData("(a OR", 4, "OR at position 4 has nothing after it")]
    [InlineData("(a", 1, "'(' at position 1 is never closed")]
    [InlineData("a (b (c)", 3, "'(' at position 3 is never closed")]
    [InlineData("a)", 2, "')' at position 2 closes a parenthesis that was never opened")]
    [InlineData(")", 1, "')' at position 1 closes a parenthesis that was never opened")]
    [InlineData("a ()", 3, "the parentheses at position 3 are empty")]
    [InlineData("NOT", 1, "NOT at position 1 has nothing after it")]
    [InlineData("chip NOT", 6, "NOT at position 6 has nothing after it")]
    [InlineData("a OR", 3, "OR at position 3 has nothing after it")]
    [InlineData("OR a", 1, "OR at position 1 has nothing before it")]
    [InlineData("a OR OR b", 3, "OR at position 3 has nothing after it")]
    [InlineData("AND a", 1, "AND at position 1 has nothing before it")]
    [InlineData("a AND", 3, "AND at position 3 has nothing after it")]
    [InlineData("-foo", 1, "'-' at position 1 has nothing to exclude from: search for something as well, as in chip -memory")]
    [InlineData("NOT foo", 1, "NOT at position 1 has nothing to exclude from: search for something as well, as in chip -memory")]
    [InlineData("a OR -b", 6, "'-' at position 6 has nothing to exclude from: search for something as well, as in chip -memory")]
    [InlineData("ch*p", 3, "'*' at position 3 can only end a word, as in chip*")]
    [InlineData("*", 1, "'*' at position 1 needs letters before it, as in chip*")]
    [InlineData("chip \"\"*", 8, "'*' at position 8 needs letters before it, as in chip*")]
    [InlineData("a\0b", 2, "character U+0000 at position 2 is not allowed")]
    [InlineData("\"chip\ttab", 6, "character U+0009 at position 6 is not allowed")] // control characters first, wherever they are
    public void Parse_Mistake_SaysWhatIsWrongAndWhere(string text, int position, string message)
    {
        var result = SearchQuery.Parse(text);

        Assert.Null(result.Query);
        Assert.Equal(new SearchSyntaxError(position, message), result.Error);
    }

    [Fact]
    public void Parse_DeeperThanTheLimit_IsAMistakeNotAStackOverflow()
    {
        var text = new string('(', 10_000) + "a" + new string(')', 10_000);

        var result = SearchQuery.Parse(text);

        Assert.Equal(SearchQuery.MaxDepth + 1, result.Error!.Position);
    }

    [Fact]
    public void Parse_MoreTermsThanTheLimit_NamesTheFirstOneTooMany()
    {
        var text = string.Join(" OR ", Enumerable.Range(0, SearchQuery.MaxTerms + 1).Select(i => $"w{i:D3}"));

        var result = SearchQuery.Parse(text);

        Assert.Equal(text.LastIndexOf('w') + 1, result.Error!.Position);
    }

    [Theory]
    [InlineData("chip", "\"chip\"")]
    [InlineData("chip*", "\"chip\"*")]
    [InlineData("say\"hi", "\"say\"\"hi\"")]
    [InlineData("\"memory chip\"", "\"memory chip\"")]
    [InlineData("a b OR c", "(\"a\" AND \"b\") OR \"c\"")]
    [InlineData("(chip OR wafer) -memory -price", "(\"chip\" OR \"wafer\") NOT \"memory\" NOT \"price\"")]
    [InlineData("chip -(a b)", "\"chip\" NOT (\"a\" AND \"b\")")]
    [InlineData("NEAR(a b) col:x", "\"NEAR\" AND \"a\" AND \"b\" AND \"col:x\"")]
    public void ToMatchExpression_EveryWordQuoted_OperatorsFromTheTree(string text, string expected) =>
        Assert.Equal(expected, SqliteFullTextSearch.ToMatchExpression(SearchQuery.Parse(text).Query!));
}
